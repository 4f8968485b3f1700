package io.frictionflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.config.JobSettings;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import io.frictionflow.pattern.PatternCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One cart session carried in each of the five formats (six files: Snowplow as TSV and as JSON)
 * gives the same signals: the same patterns, events, times and ids, and the same final session
 * context (on the session_end signals) but for the fields a format does not have (a Snowplow link
 * click's tag, the target of an rrweb click whose session sent no FullSnapshot to name it). A
 * match's own context is the session's as far as the session operator has seen it when the signal
 * passes, which depends on which of the two channels into it (events, signals) delivers first: it
 * differs between two runs of one file, so it is left out.
 */
class FormatsITCase {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = io.frictionflow.TestClusters.flink();

  static final Path CART = Path.of("src/main/resources/samples/formats");
  static final ObjectMapper JSON = JsonMapper.builder().build();

  static List<JsonNode> signals(String format, String file) throws Exception {
    List<JsonNode> signals = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    LocalJob.Summary s =
        LocalJob.run(
            CART.resolve(file),
            JobSettings.from(
                Map.of(
                    "frictionflow.input.format", format, "frictionflow.webhooks.enabled", "false")),
            PatternCatalog.resolve(PatternCatalog.bundledDefinitions(), Map.of()).stream()
                .map(Detector::of)
                .toList(),
            2,
            r -> {
              if (r.channel().equals(OutputRecord.FAILED)) {
                failed.add(r.json());
              } else if (r.channel().equals(OutputRecord.SIGNAL)) {
                try {
                  signals.add(JSON.readTree(r.json()));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            });
    assertThat(failed).as(format + " " + file + " failed records").isEmpty();
    assertThat(s.read()).isEqualTo(5);
    signals.sort((a, b) -> a.get("signal_id").asText().compareTo(b.get("signal_id").asText()));
    return signals;
  }

  /**
   * A signal without its wall-clock time, a match's context and intent score (timing, above), and
   * the per-event fields some formats lack.
   */
  static JsonNode comparable(JsonNode signal) {
    ObjectNode s = signal.deepCopy();
    s.remove("detected_at");
    if (!s.get("kind").asText().equals("session_end")) {
      s.remove("context");
      s.remove("intent_score");
      return s;
    }
    ArrayNode last = (ArrayNode) s.path("context").path("last_events");
    last.forEach(
        e -> {
          ((ObjectNode) e).remove("target");
          ((ObjectNode) e).remove("text");
          ((ObjectNode) e).remove("page");
        });
    return s;
  }

  /** The cart session's final context, from its session_end signal. */
  static JsonNode cartEnd(List<JsonNode> signals) {
    return signals.stream()
        .filter(s -> s.get("kind").asText().equals("session_end"))
        .filter(s -> s.get("session_id").asText().equals("cart-1"))
        .findFirst()
        .orElseThrow()
        .get("context");
  }

  @Test
  void oneCartSessionGivesTheSameSignalsInEveryFormat() throws Exception {
    List<JsonNode> canonical = signals("canonical", "canonical.jsonl");
    assertThat(canonical)
        .extracting(s -> s.get("pattern_id").asText())
        .contains("cart-abandonment");
    List<JsonNode> expected = canonical.stream().map(FormatsITCase::comparable).toList();
    for (String[] f :
        new String[][] {
          {"posthog", "posthog.jsonl"},
          {"segment", "segment.jsonl"},
          {"snowplow", "snowplow.tsv"},
          {"snowplow", "snowplow.jsonl"},
          {"rrweb", "rrweb.jsonl"}
        }) {
      List<JsonNode> got = signals(f[0], f[1]);
      assertThat(got.stream().map(FormatsITCase::comparable).toList())
          .as(f[0] + " " + f[1])
          .isEqualTo(expected);
    }
    // PostHog and Segment carry the click's target as the canonical event does: whole final
    // contexts match
    assertThat(cartEnd(signals("posthog", "posthog.jsonl"))).isEqualTo(cartEnd(canonical));
    assertThat(cartEnd(signals("segment", "segment.jsonl"))).isEqualTo(cartEnd(canonical));
  }
}
