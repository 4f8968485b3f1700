package io.frictionflow.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Kafka options of the cluster job ({@code frictionflow job}). Client properties such as SASL and
 * SSL settings pass through as {@code frictionflow.kafka.properties.<kafka key>}.
 */
public final class KafkaOptions {
  /** Prefix of Kafka client properties passed to every source and sink client. */
  public static final String PROPERTIES_PREFIX = "frictionflow.kafka.properties.";

  public static final ConfigOption<String> BOOTSTRAP_SERVERS =
      ConfigOptions.key("frictionflow.kafka.bootstrap-servers")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Kafka bootstrap servers, host:port[,host:port]. Required by the job command.");

  public static final ConfigOption<String> GROUP_ID =
      ConfigOptions.key("frictionflow.kafka.group-id")
          .stringType()
          .defaultValue("frictionflow")
          .withDescription(
              "Consumer group of the events source; offsets are committed on checkpoints.");

  public static final ConfigOption<String> STARTING_OFFSETS =
      ConfigOptions.key("frictionflow.kafka.starting-offsets")
          .stringType()
          .defaultValue("committed")
          .withDescription(
              "Where a job without restored state starts reading: committed (the group's offsets,"
                  + " earliest when it has none), earliest, latest, or timestamp:<epoch ms or"
                  + " ISO-8601>.");

  public static final ConfigOption<String> EVENTS_TOPIC =
      ConfigOptions.key("frictionflow.kafka.topics.events")
          .stringType()
          .defaultValue("events")
          .withDescription("Topic of canonical JSON events, keyed by session id.");

  public static final ConfigOption<String> SIGNALS_TOPIC =
      ConfigOptions.key("frictionflow.kafka.topics.signals")
          .stringType()
          .defaultValue("signals")
          .withDescription(
              "Exactly-once signals (transactional; visible to read_committed readers at each"
                  + " checkpoint).");

  public static final ConfigOption<String> SIGNALS_FAST_TOPIC =
      ConfigOptions.key("frictionflow.kafka.topics.signals-fast")
          .stringType()
          .defaultValue("signals-fast")
          .withDescription("At-least-once signals, sent at once; receivers dedupe on signal_id.");

  public static final ConfigOption<String> FAILED_TOPIC =
      ConfigOptions.key("frictionflow.kafka.topics.events-failed")
          .stringType()
          .defaultValue("events-failed")
          .withDescription("Rejected records with the reason (at least once).");

  public static final ConfigOption<String> LATE_TOPIC =
      ConfigOptions.key("frictionflow.kafka.topics.events-late")
          .stringType()
          .defaultValue("events-late")
          .withDescription(
              "Events that arrived at or behind the watermark, redacted (at least once).");

  public static final ConfigOption<String> UNDELIVERED_TOPIC =
      ConfigOptions.key("frictionflow.kafka.topics.signals-undelivered")
          .stringType()
          .defaultValue("signals-undelivered")
          .withDescription(
              "Signals a webhook destination gave up on, with destination, last status, attempts"
                  + " and error (at least once).");

  public static final ConfigOption<String> CONTEXT_TOPIC =
      ConfigOptions.key("frictionflow.kafka.topics.session-context")
          .stringType()
          .defaultValue("session-context")
          .withDescription(
              "Latest context of each live session, keyed by session id, a tombstone when it"
                  + " ends; create it with cleanup.policy=compact (at least once).");

  public static final ConfigOption<String> PATTERNS_TOPIC =
      ConfigOptions.key("frictionflow.kafka.topics.patterns")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Compacted topic of pattern files the running job applies (key: pattern id, value:"
                  + " the file's text, tombstone: removal). Empty: the patterns are fixed at the"
                  + " start (see"
                  + " docs/operations.md#change-patterns-on-a-running-job).");

  public static final ConfigOption<String> PATTERN_STATUS_TOPIC =
      ConfigOptions.key("frictionflow.kafka.topics.pattern-status")
          .stringType()
          .defaultValue("pattern-status")
          .withDescription(
              "What the job did with each pattern update: pattern id, version, applied, removed"
                  + " or rejected, reason, time (at least once; written only with a patterns"
                  + " topic).");

  public static final ConfigOption<Boolean> SIGNALS_ENABLED =
      ConfigOptions.key("frictionflow.kafka.signals.enabled")
          .booleanType()
          .defaultValue(true)
          .withDescription("Write the exactly-once signals topic.");

  public static final ConfigOption<Boolean> SIGNALS_FAST_ENABLED =
      ConfigOptions.key("frictionflow.kafka.signals-fast.enabled")
          .booleanType()
          .defaultValue(true)
          .withDescription("Write the at-least-once fast signals topic.");

  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
      ConfigOptions.key("frictionflow.kafka.transactional-id-prefix")
          .stringType()
          .defaultValue("frictionflow-signals")
          .withDescription(
              "Prefix of the exactly-once sink's transactional ids; keep it stable across"
                  + " restarts and unique per job on a cluster.");

  public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
      ConfigOptions.key("frictionflow.kafka.transaction-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withDescription(
              "transaction.timeout.ms of the exactly-once sink. Must not exceed the broker's"
                  + " transaction.max.timeout.ms (15 min by default) and must exceed the longest"
                  + " checkpoint plus restart time.");

  public static final ConfigOption<Boolean> CONTEXT_ENABLED =
      ConfigOptions.key("frictionflow.kafka.session-context.enabled")
          .booleanType()
          .defaultValue(true)
          .withDescription("Write the session-context topic.");

  /** Every Kafka option. */
  public static final List<ConfigOption<?>> ALL =
      List.of(
          BOOTSTRAP_SERVERS,
          GROUP_ID,
          STARTING_OFFSETS,
          EVENTS_TOPIC,
          SIGNALS_TOPIC,
          SIGNALS_FAST_TOPIC,
          FAILED_TOPIC,
          LATE_TOPIC,
          UNDELIVERED_TOPIC,
          CONTEXT_TOPIC,
          PATTERNS_TOPIC,
          PATTERN_STATUS_TOPIC,
          SIGNALS_ENABLED,
          SIGNALS_FAST_ENABLED,
          CONTEXT_ENABLED,
          TRANSACTIONAL_ID_PREFIX,
          TRANSACTION_TIMEOUT);

  private KafkaOptions() {}
}
