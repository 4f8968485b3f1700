package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SpecReader}: a whole spec under parameter values, with typed skip kinds. */
class SpecReaderTest {
  private final Trees t = new Trees();

  private PatternSpec read(String skip, Map<String, JsonNode> values, String profile) {
    String yaml =
        """
        id: p
        version: 1
        description: d
        severity: low
        on: [click]
        window: $w
        skip: %s
        stages:
          - {name: a, type: click}
          - {name: b, type: click}
        """
            .formatted(skip);
    return SpecReader.build((ObjectNode) Trees.yaml(yaml), values, profile, t.ctx);
  }

  private PatternSpec read(String skip) {
    return read(skip, Map.of("w", TextNode.valueOf("10s")), "default");
  }

  @Test
  void bindsParametersIntoTheSpec() {
    PatternSpec spec = read("no_skip");
    assertThat(t.errors()).isEmpty();
    assertThat(spec.window()).hasSeconds(10);
    assertThat(spec.skip()).isEqualTo(SkipSpec.NO_SKIP);
  }

  @Test
  void skipKindsAreTypedAndKeepTheirSpelling() {
    assertThat(read("to_next").skip()).isEqualTo(new SkipSpec(SkipSpec.Kind.TO_NEXT, null));
    assertThat(read("past_last_event").skip().kind()).isEqualTo(SkipSpec.Kind.PAST_LAST_EVENT);
    assertThat(read("{to_first: b}").skip()).isEqualTo(new SkipSpec(SkipSpec.Kind.TO_FIRST, "b"));
    assertThat(read("{to_last: a}").skip()).isEqualTo(new SkipSpec(SkipSpec.Kind.TO_LAST, "a"));
    assertThat(SkipSpec.Kind.PAST_LAST_EVENT).hasToString("past_last_event");
    assertThat(t.errors()).isEmpty();
  }

  @Test
  void skipToAnUnknownStageIsAnError() {
    assertThat(read("{to_last: z}")).isNull();
    assertThat(t.errors()).containsExactly("skip.to_last: no stage named 'z'");
  }

  @Test
  void aBadValueNamesItsParameterAndProfile() {
    assertThat(read("no_skip", Map.of("w", TextNode.valueOf("soon")), "strict")).isNull();
    assertThat(t.errors()).hasSize(1);
    assertThat(t.errors().get(0)).startsWith("window: ").endsWith(" (from $w) [profile strict]");
  }
}
