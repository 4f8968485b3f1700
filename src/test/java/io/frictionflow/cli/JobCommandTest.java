package io.frictionflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.config.JobSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobCommandTest {
  @Test
  void aReplayReadsFromTheTimeIntoPrefixedTopicsWithItsOwnGroupAndTransactions() {
    JobSettings live =
        JobSettings.from(Map.of("frictionflow.kafka.bootstrap-servers", "127.0.0.1:9092"));
    Map<String, String> values =
        new HashMap<>(Map.of("frictionflow.kafka.bootstrap-servers", "127.0.0.1:9092"));
    values.putAll(JobCommand.replayOverrides(live.kafka(), "2026-11-01T00:00:00Z", "replay-"));
    var k = JobSettings.from(values).withoutWebhooks().kafka();
    assertThat(k.startingOffsets()).isEqualTo("timestamp");
    assertThat(k.startingTimestamp())
        .isEqualTo(java.time.Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
    assertThat(k.groupId()).isEqualTo("frictionflow-replay-20261101T000000Z");
    assertThat(k.signalsTopic()).isEqualTo("replay-signals");
    assertThat(k.signalsFastTopic()).isEqualTo("replay-signals-fast");
    assertThat(k.contextTopic()).isEqualTo("replay-session-context");
    assertThat(k.transactionalIdPrefix()).isEqualTo("replay-frictionflow-signals");
  }
}
