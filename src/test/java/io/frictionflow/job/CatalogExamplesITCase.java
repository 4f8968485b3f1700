package io.frictionflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.local.ExampleRunner;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every example of every file under {@code patterns/} passes through the real job. */
class CatalogExamplesITCase {
  @Test
  void everyCatalogExamplePasses() throws Exception {
    List<PatternDefinition> defs = PatternCatalog.definitions(Path.of("patterns"));
    List<ExampleRunner.Result> results = ExampleRunner.run(defs);
    assertThat(results).isNotEmpty();
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r.passed())
                    .as("%s example %d '%s': %s", r.file(), r.index(), r.name(), r.message())
                    .isTrue());
  }
}
