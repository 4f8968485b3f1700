package io.frictionflow.job;

import static io.frictionflow.kafka.JobHarness.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.TestClusters;
import io.frictionflow.TestEvents;
import io.frictionflow.config.JobSettings;
import io.frictionflow.kafka.JobHarness;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import io.frictionflow.sample.SessionGenerator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's side of "three future-dated events blind the job": a file of generated sessions
 * with three events dated ahead of now (an hour, a day, and 2099) detects exactly what the file
 * without them detects; the three go to failed as {@code future_time} and nothing is late.
 */
class FutureDatedEventsITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestClusters.flink();

  @TempDir Path dir;

  /** Signals (pattern, session, event ids), failed reasons and late event ids of one run. */
  record Outcome(List<String> signals, List<String> failed, List<String> late) {}

  private static Outcome run(Path file) throws Exception {
    var detectors = JobHarness.detectors();
    List<String> signals = Collections.synchronizedList(new ArrayList<>());
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    List<String> late = Collections.synchronizedList(new ArrayList<>());
    LocalJob.run(
        file,
        JobSettings.defaults(),
        detectors,
        2,
        r -> {
          JsonNode j = tree(r.json());
          switch (r.channel()) {
            case OutputRecord.SIGNAL -> signals.add(JobHarness.signalKey(j));
            case OutputRecord.FAILED ->
                failed.add(j.get("reason").asText() + "@" + j.get("field").asText());
            case OutputRecord.LATE -> late.add(j.get("event_id").asText());
            default -> {}
          }
        });
    Collections.sort(signals);
    return new Outcome(signals, failed, late);
  }

  @Test
  void threeFutureDatedEventsChangeNothingButTheFailedOutput() throws Exception {
    List<ObjectNode> events =
        SessionGenerator.interleave(
            new SessionGenerator(7, TestEvents.T0.toEpochMilli()).sessions(60, 0.5, 10 * 60_000L));
    List<String> lines = new ArrayList<>();
    events.forEach(e -> lines.add(e.toString()));
    Outcome clean = run(TestEvents.write(dir, "clean.jsonl", lines));

    Instant now = Instant.now();
    String[] ahead = {
      now.plusSeconds(3600).toString(), now.plusSeconds(86_400).toString(), "2099-06-01T00:00:00Z"
    };
    for (int i = 0; i < ahead.length; i++) {
      ObjectNode e = events.get(events.size() * (i + 1) / 4).deepCopy();
      e.put("event_id", "ahead-" + i);
      e.put("ts", ahead[i]);
      lines.add(lines.size() * (i + 1) / 4, e.toString());
    }
    Outcome withFuture = run(TestEvents.write(dir, "future.jsonl", lines));

    assertThat(clean.signals()).anyMatch(s -> s.startsWith("rage-click|"));
    assertThat(withFuture.signals()).isEqualTo(clean.signals());
    assertThat(withFuture.failed())
        .containsExactly("future_time@ts", "future_time@ts", "future_time@ts");
    assertThat(withFuture.late()).isEqualTo(clean.late()).isEmpty();
  }
}
