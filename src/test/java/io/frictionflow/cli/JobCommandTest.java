package io.frictionflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.config.JobSettings;
import io.frictionflow.config.KafkaSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JobCommandTest {
  /** The Kafka settings of a replay from {@code from} of a job with the default options. */
  private static KafkaSettings replay(String from) {
    Map<String, String> values =
        new HashMap<>(Map.of("frictionflow.kafka.bootstrap-servers", "127.0.0.1:9092"));
    JobSettings live = JobSettings.from(values);
    values.putAll(JobCommand.replayOverrides(live.kafka(), from, "replay-"));
    return JobSettings.from(values).withoutWebhooks().kafka();
  }

  @Test
  void aReplayReadsFromTheTimeIntoPrefixedTopicsWithItsOwnGroupAndTransactions() {
    KafkaSettings k = replay("2026-11-01T00:00:00Z");
    assertThat(k.startingOffsets()).isEqualTo("timestamp");
    assertThat(k.startingTimestamp())
        .isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
    assertThat(k.groupId()).isEqualTo("frictionflow-replay-20261101T000000Z");
    assertThat(k.signalsTopic()).isEqualTo("replay-signals");
    assertThat(k.signalsFastTopic()).isEqualTo("replay-signals-fast");
    assertThat(k.contextTopic()).isEqualTo("replay-session-context");
    assertThat(k.transactionalIdPrefix()).isEqualTo("frictionflow-signals-replay-20261101T000000Z");
  }

  @Test
  @Timeout(120)
  void theJobCommandWithoutCheckpointingExitsNamingTheKey() {
    StringWriter err = new StringWriter();
    int code =
        FrictionFlow.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "job",
            "--patterns",
            "patterns",
            "--set",
            // Nothing listens there: a job that started would hang, not fail.
            "frictionflow.kafka.bootstrap-servers=127.0.0.1:9");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("frictionflow: config execution.checkpointing.interval: checkpointing is off");
  }

  @Test
  void aReplayFromEarliestReadsTheWholeTopic() {
    KafkaSettings k = replay("earliest");
    assertThat(k.startingOffsets()).isEqualTo("earliest");
    assertThat(k.groupId()).isEqualTo("frictionflow-replay-earliest");
  }
}
