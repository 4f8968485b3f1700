package io.frictionflow.job;

import static io.frictionflow.TestEvents.click;
import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.TestClusters;
import io.frictionflow.TestEvents;
import io.frictionflow.config.JobSettings;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import io.frictionflow.pattern.PatternCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent drops: the whole catalog on a MiniCluster at parallelism 2, over input with malformed
 * lines, tracker retries, late events (one exactly at the watermark) and good events. Every record
 * read is counted in exactly one of used, duplicate, late and failed, and the late and failed ones
 * are on their outputs.
 */
class EveryRecordAccountedITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestClusters.flink();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void everyInputRecordIsUsedDuplicateLateOrFailedExactlyOnce() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(event("page_view").id("p1").session("s1").atMillis(0).json());
    lines.add(event("page_view").id("q1").session("s2").atMillis(500).json());
    String scroll = event("scroll").id("sc1").session("s2").atMillis(700).json();
    lines.add(scroll);
    lines.add(scroll); // a tracker retry
    for (int i = 0; i < 4; i++) {
      lines.add(
          click("#buy").id("a" + i).session("s1").atMillis(1000 + i * 200L).xy(100, 100).json());
      if (i == 1) {
        lines.add(lines.get(lines.size() - 1)); // a tracker retry
      }
    }
    lines.add("not json at all");
    // With a 1 s bound and 10 ms steps this moves the watermark to 3990 ms.
    lines.add(click("#x").id("x").session("s2").atMillis(5000).xy(5, 5).json());
    lines.add(click("#late").id("at-watermark").session("s3").atMillis(3990).json());
    lines.add(click("#late").id("behind-watermark").session("s3").atMillis(2000).json());
    lines.add("{\"event_id\":\"z\",\"type\":\"click\",\"ts\":1772442000000}");
    lines.add(click("#y").id("c0").session("s1").atMillis(9000).xy(5, 5).json());
    lines.add("[1, 2]");
    Path in = TestEvents.write(dir, "events.jsonl", lines);

    List<String> late = Collections.synchronizedList(new ArrayList<>());
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    var detectors =
        PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of()).stream()
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
                switch (r.channel()) {
                  case OutputRecord.LATE ->
                      late.add(JSON.readTree(r.json()).get("event_id").asText());
                  case OutputRecord.FAILED ->
                      failed.add(JSON.readTree(r.json()).get("reason").asText());
                  default -> {}
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    assertThat(summary.read()).isEqualTo(lines.size()).isEqualTo(16);
    assertThat(summary.failed()).isEqualTo(3);
    assertThat(summary.duplicates()).isEqualTo(2);
    assertThat(summary.late()).isEqualTo(2);
    // p1, q1, sc1, a0..a3, x, c0
    assertThat(summary.used()).isEqualTo(9);
    assertThat(summary.used() + summary.duplicates() + summary.late() + summary.failed())
        .isEqualTo(lines.size());
    // The event exactly at the watermark is on the late output, not dropped by a detector.
    assertThat(late).containsExactlyInAnyOrder("at-watermark", "behind-watermark");
    assertThat(failed).hasSize(3);
    // The detectors ran on the used events.
    assertThat(summary.signalsByPattern()).containsKey("rage-click");
  }
}
