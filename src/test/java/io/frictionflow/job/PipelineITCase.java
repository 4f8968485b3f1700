package io.frictionflow.job;

import static io.frictionflow.TestEvents.T0;
import static io.frictionflow.TestEvents.click;
import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.TestEvents;
import io.frictionflow.config.JobSettings;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.event.Mangler;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import io.frictionflow.pattern.PatternCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a MiniCluster at parallelism 2 over bounded files. */
class PipelineITCase {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = io.frictionflow.TestClusters.flink();

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  record Run(
      List<JsonNode> signals,
      List<JsonNode> failed,
      List<JsonNode> late,
      LocalJob.Summary summary) {
    Set<String> matches() {
      Set<String> out = new TreeSet<>();
      signals.forEach(s -> out.add(s.get("session_id").asText() + ":" + s.get("event_ids")));
      return out;
    }
  }

  private Run run(List<String> lines) throws Exception {
    Path in = TestEvents.write(dir, "events-" + System.nanoTime() + ".jsonl", lines);
    List<JsonNode> signals = Collections.synchronizedList(new ArrayList<>());
    List<JsonNode> failed = Collections.synchronizedList(new ArrayList<>());
    List<JsonNode> late = Collections.synchronizedList(new ArrayList<>());
    var detectors =
        PatternCatalog.resolve(
                PatternCatalog.definitions(Path.of("patterns")),
                Map.of("rage-click.profile", "posthog"))
            .stream()
            .filter(s -> s.id().equals("rage-click"))
            .map(Detector::of)
            .toList();
    LocalJob.Summary summary =
        LocalJob.run(
            in,
            JobSettings.from(
                Map.of(
                    "frictionflow.time.max-out-of-orderness", "1s",
                    "frictionflow.intent.enabled", "false")),
            detectors,
            2,
            r -> {
              try {
                JsonNode j = JSON.readTree(r.json());
                switch (r.channel()) {
                  case OutputRecord.SIGNAL -> {
                    if (!r.key().equals("session_end")) {
                      signals.add(j);
                    }
                  }
                  case OutputRecord.FAILED -> failed.add(j);
                  default -> late.add(j);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    return new Run(signals, failed, late, summary);
  }

  /** Two interleaved sessions with a rage burst each, plus noise. */
  private static List<String> burstsInTwoSessions() {
    List<String> lines = new ArrayList<>();
    lines.add(event("page_view").id("p1").session("s1").atMillis(0).json());
    lines.add(event("page_view").id("p2").session("s2").atMillis(50).json());
    for (int i = 0; i < 4; i++) {
      lines.add(
          click("#buy").id("a" + i).session("s1").atMillis(1000 + i * 200L).xy(100, 100).json());
      lines.add(
          click("#pay").id("b" + i).session("s2").atMillis(1100 + i * 200L).xy(300, 40).json());
      lines.add(event("scroll").session("s2").atMillis(1150 + i * 200L).json());
    }
    lines.add(click("#x").id("c0").session("s1").atMillis(9000).xy(5, 5).json());
    return lines;
  }

  @Test
  void detectsRoutesAndCountsOnParallelismTwo() throws Exception {
    List<String> lines = burstsInTwoSessions();
    lines.add(5, lines.get(4)); // a tracker retry of a1... same event id
    lines.add("not json at all");
    lines.add("{\"event_id\":\"z\",\"type\":\"click\",\"ts\":1772442000000}");
    lines.add(click("#late").id("late1").session("s3").atMillis(2000).json());

    Run r = run(lines);

    assertThat(r.matches())
        .containsExactly("s1:[\"a0\",\"a1\",\"a2\"]", "s2:[\"b0\",\"b1\",\"b2\"]");
    assertThat(r.signals())
        .allSatisfy(
            s -> {
              assertThat(s.get("pattern_id").asText()).isEqualTo("rage-click");
              assertThat(s.get("signal_id").asText()).hasSize(32);
            });
    assertThat(r.failed())
        .extracting(f -> f.get("reason").asText() + "@" + f.get("field").asText())
        .containsExactlyInAnyOrder("not_json@", "missing_field@session_id");
    assertThat(r.failed())
        .anySatisfy(f -> assertThat(f.get("raw").asText()).isEqualTo("not json at all"));
    assertThat(r.late()).extracting(l -> l.get("event_id").asText()).containsExactly("late1");
    assertThat(r.summary().read()).isEqualTo(lines.size());
    assertThat(r.summary().failed()).isEqualTo(2);
    assertThat(r.summary().late()).isEqualTo(1);
    assertThat(r.summary().duplicates()).isEqualTo(1);
    assertThat(r.summary().signalsByPattern()).containsEntry("rage-click", 2L);
  }

  @Test
  void outOfOrderInputWithinTheBoundGivesTheSameSignalsAsSortedInput() throws Exception {
    List<String> sorted = burstsInTwoSessions();
    List<String> shuffled = new ArrayList<>(sorted);
    // Swap neighbours: every event moves by far less than the 1 s bound.
    for (int i = 2; i + 1 < shuffled.size() - 1; i += 2) {
      Collections.swap(shuffled, i, i + 1);
    }
    assertThat(shuffled).isNotEqualTo(sorted);
    Run a = run(sorted);
    Run b = run(shuffled);
    assertThat(b.matches()).isEqualTo(a.matches()).hasSize(2);
    assertThat(b.late()).isEmpty();
    assertThat(b.signals())
        .extracting(s -> s.get("signal_id").asText())
        .containsExactlyInAnyOrderElementsOf(
            a.signals().stream().map(s -> s.get("signal_id").asText()).toList());
  }

  @Test
  void correctsSkewSoASessionWithAWrongDeviceClockIsNotLate() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(event("page_view").id("p1").session("ok").atMillis(0).json());
    lines.add(event("page_view").id("p2").session("ok").atMillis(5000).json());
    long hour = 3_600_000;
    for (int i = 0; i < 3; i++) {
      // The device clock is an hour behind; sent 100 ms after the click, received at true time.
      long trueTime = T0.toEpochMilli() + 5100 + i * 100L;
      lines.add(
          click("#buy")
              .id("k" + i)
              .session("skewed")
              .at(java.time.Instant.ofEpochMilli(trueTime - hour))
              .put("sent_at", trueTime - hour + 100)
              .put("received_at", trueTime + 100)
              .xy(10, 10)
              .json());
    }
    Run r = run(lines);
    assertThat(r.late()).isEmpty();
    assertThat(r.matches()).containsExactly("skewed:[\"k0\",\"k1\",\"k2\"]");
  }

  @Test
  void tenThousandMangledRecordsNeverFailTheJobAndEachIsAcceptedOrRejected() throws Exception {
    Random random = new Random(7);
    EventDecoder decoder = new EventDecoder(64 * 1024);
    List<String> lines = new ArrayList<>();
    int rejected = 0;
    for (int i = 0; i < 10_000; i++) {
      String valid = click("#b").id("m" + i).session("m" + (i % 50)).atMillis(i).xy(1, 1).json();
      String raw = Mangler.mangle(valid, random).replace('\n', ' ');
      lines.add(raw);
      try {
        decoder.decode(raw, 0);
      } catch (DecodeException e) {
        rejected++;
      }
    }
    Run r = run(lines);
    assertThat(r.summary().read()).isEqualTo(10_000);
    assertThat(r.summary().failed()).isEqualTo(rejected);
    assertThat(r.failed()).hasSize(rejected);
    assertThat(rejected).isBetween(1000, 9999);
  }
}
