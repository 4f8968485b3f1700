package io.frictionflow.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The Kafka options parsed and validated.
 *
 * @param startingOffsets committed, earliest, latest, or timestamp
 * @param startingTimestamp epoch ms when {@code startingOffsets} is timestamp, else -1
 * @param patternsTopic the compacted topic of pattern updates; empty when the job takes none
 * @param properties Kafka client properties passed through, without the prefix
 */
public record KafkaSettings(
    String bootstrapServers,
    String groupId,
    String startingOffsets,
    long startingTimestamp,
    String eventsTopic,
    String signalsTopic,
    String signalsFastTopic,
    String failedTopic,
    String lateTopic,
    String undeliveredTopic,
    String contextTopic,
    String patternsTopic,
    String patternStatusTopic,
    boolean signalsEnabled,
    boolean signalsFastEnabled,
    boolean contextEnabled,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    Map<String, String> properties)
    implements Serializable {

  static KafkaSettings from(OptionReader r, Map<String, String> properties) {
    String offsets = r.get(KafkaOptions.STARTING_OFFSETS);
    long timestamp = -1;
    String mode = offsets;
    if (offsets.startsWith("timestamp:")) {
      mode = "timestamp";
      String t = offsets.substring("timestamp:".length());
      try {
        timestamp = t.matches("\\d+") ? Long.parseLong(t) : Instant.parse(t).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new InvalidConfigException(
            KafkaOptions.STARTING_OFFSETS.key(),
            "cannot parse timestamp '" + t + "': expected epoch ms or ISO-8601");
      }
    } else if (!offsets.equals("committed")
        && !offsets.equals("earliest")
        && !offsets.equals("latest")) {
      throw new InvalidConfigException(
          KafkaOptions.STARTING_OFFSETS.key(),
          "expected committed, earliest, latest or timestamp:<time>, got '" + offsets + "'");
    }
    Duration txTimeout = r.positive(KafkaOptions.TRANSACTION_TIMEOUT);
    if (txTimeout.compareTo(Duration.ofMinutes(15)) > 0) {
      throw new InvalidConfigException(
          KafkaOptions.TRANSACTION_TIMEOUT.key(),
          "above 15 min, the broker default transaction.max.timeout.ms; raise that on the broker"
              + " first and set it in frictionflow.kafka.properties.transaction.timeout.ms");
    }
    return new KafkaSettings(
        r.get(KafkaOptions.BOOTSTRAP_SERVERS),
        r.get(KafkaOptions.GROUP_ID),
        mode,
        timestamp,
        r.get(KafkaOptions.EVENTS_TOPIC),
        r.get(KafkaOptions.SIGNALS_TOPIC),
        r.get(KafkaOptions.SIGNALS_FAST_TOPIC),
        r.get(KafkaOptions.FAILED_TOPIC),
        r.get(KafkaOptions.LATE_TOPIC),
        r.get(KafkaOptions.UNDELIVERED_TOPIC),
        r.get(KafkaOptions.CONTEXT_TOPIC),
        r.get(KafkaOptions.PATTERNS_TOPIC).trim(),
        r.get(KafkaOptions.PATTERN_STATUS_TOPIC),
        r.get(KafkaOptions.SIGNALS_ENABLED),
        r.get(KafkaOptions.SIGNALS_FAST_ENABLED),
        r.get(KafkaOptions.CONTEXT_ENABLED),
        r.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX),
        txTimeout,
        Map.copyOf(properties));
  }

  /** Whether the job takes pattern updates from {@link #patternsTopic}. */
  public boolean patternsEnabled() {
    return !patternsTopic.isEmpty();
  }

  /** Fails naming the key when the job command cannot run with these settings. */
  public void requireBootstrapServers() {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new InvalidConfigException(
          KafkaOptions.BOOTSTRAP_SERVERS.key(), "required to read events from Kafka");
    }
  }
}
