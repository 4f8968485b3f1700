package io.frictionflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.local.ExampleRunner;
import io.frictionflow.pattern.PatternCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every construct of the pattern format, each with matching and non-matching examples, in the files
 * under {@code src/test/resources/constructs}, run through the real job.
 */
class ConstructsITCase {
  @Test
  void everyConstructMatchesAndDoesNotMatchAsItsExamplesSay() throws Exception {
    List<ExampleRunner.Result> results =
        ExampleRunner.run(PatternCatalog.definitions(Path.of("src/test/resources/constructs")));
    assertThat(results).hasSizeGreaterThan(25);
    assertThat(
            results.stream()
                .filter(r -> !r.passed())
                .map(r -> r.patternId() + " #" + r.index() + " " + r.name() + ": " + r.message())
                .toList())
        .isEmpty();
  }
}
