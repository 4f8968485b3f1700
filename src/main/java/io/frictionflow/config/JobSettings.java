package io.frictionflow.config;

import io.frictionflow.event.DecoderSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The job's options parsed once and validated; immutable. Build it with {@link #from}, which fails
 * naming the key for an unknown key or a bad value.
 *
 * @param maxSnapshotBytes rrweb only: the largest FullSnapshot or Mutation record ({@code
 *     frictionflow.rrweb.max-snapshot-bytes})
 * @param kafka the Kafka options of the cluster job
 * @param webhooks webhook destinations
 * @param intent the intent model and its threshold, or disabled
 * @param session session context, end and privacy
 * @param maxFuture how far event time may lie ahead of arrival ({@code
 *     frictionflow.time.max-future})
 * @param trustReceivedAt whether {@code received_at} is the arrival time
 * @param inputFormat what each event record is written in ({@code frictionflow.input.format})
 * @param flink Flink settings given in the job's config under {@code flink.} (without the prefix),
 *     applied to the job's environment, e.g. {@code flink.execution.checkpointing.interval}
 * @param detectMode {@code eager} or {@code strict} ({@code frictionflow.detect.mode})
 * @param detectCacheSessions the most sessions the detector caches on a backend other than the
 *     heap, 0 for none ({@code frictionflow.detect.cache-sessions})
 */
public record JobSettings(
    int maxEventBytes,
    int maxSnapshotBytes,
    Duration maxOutOfOrderness,
    Duration watermarkStep,
    Duration idleness,
    Duration maxFuture,
    boolean trustReceivedAt,
    Duration dedupeHorizon,
    Duration sessionTimeout,
    String patternsDir,
    KafkaSettings kafka,
    WebhookSettings webhooks,
    IntentSettings intent,
    SessionSettings session,
    DecoderSettings.InputFormat inputFormat,
    Map<String, String> flink,
    String detectMode,
    int detectCacheSessions)
    implements Serializable {

  /** Prefix of Flink settings passed through to the job's environment. */
  public static final String FLINK_PREFIX = "flink.";

  /** The defaults of every option. */
  public static JobSettings defaults() {
    return from(Map.of());
  }

  /** A copy with webhook delivery turned off (replays, backfills). */
  public JobSettings withoutWebhooks() {
    return copy(new WebhookSettings(false, webhooks.destinations()), inputFormat);
  }

  /** A copy reading records of {@code format}. */
  public JobSettings withInputFormat(DecoderSettings.InputFormat format) {
    return copy(webhooks, format);
  }

  private JobSettings copy(WebhookSettings webhooks, DecoderSettings.InputFormat format) {
    return new JobSettings(
        maxEventBytes,
        maxSnapshotBytes,
        maxOutOfOrderness,
        watermarkStep,
        idleness,
        maxFuture,
        trustReceivedAt,
        dedupeHorizon,
        sessionTimeout,
        patternsDir,
        kafka,
        webhooks,
        intent,
        session,
        format,
        flink,
        detectMode,
        detectCacheSessions);
  }

  /**
   * What the decoder accepts: the input format, record size and how far event time may run ahead of
   * arrival.
   */
  public DecoderSettings decoder() {
    return new DecoderSettings(
        maxEventBytes, maxFuture, trustReceivedAt, inputFormat, maxSnapshotBytes);
  }

  /** Every option the job knows, for validation and for the generated documentation. */
  public static Stream<ConfigOption<?>> options() {
    return Stream.of(
            JobOptions.ALL.stream(),
            KafkaOptions.ALL.stream(),
            Stream.<ConfigOption<?>>of(WebhookSettings.ENABLED))
        .flatMap(x -> x);
  }

  /**
   * Parses {@code values} (key to text).
   *
   * @throws InvalidConfigException naming the key and the reason
   */
  public static JobSettings from(Map<String, String> values) {
    Set<String> known =
        options()
            .map(ConfigOption::key)
            .filter(k -> !k.startsWith(WebhookSettings.PREFIX))
            .collect(Collectors.toSet());
    Map<String, String> kafkaProperties = new LinkedHashMap<>();
    Map<String, String> flink = new LinkedHashMap<>();
    Map<String, String> own = new LinkedHashMap<>();
    Map<String, String> webhooks = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(WebhookSettings.PREFIX)) {
        webhooks.put(key, e.getValue());
      } else if (known.contains(key)) {
        own.put(key, e.getValue());
      } else if (key.startsWith(KafkaOptions.PROPERTIES_PREFIX)
          && key.length() > KafkaOptions.PROPERTIES_PREFIX.length()) {
        kafkaProperties.put(key.substring(KafkaOptions.PROPERTIES_PREFIX.length()), e.getValue());
      } else if (key.startsWith(FLINK_PREFIX) && key.length() > FLINK_PREFIX.length()) {
        flink.put(key.substring(FLINK_PREFIX.length()), e.getValue());
      } else {
        throw new InvalidConfigException(
            key,
            "unknown option (known: "
                + String.join(", ", new TreeSet<>(known))
                + ", "
                + KafkaOptions.PROPERTIES_PREFIX
                + "*, "
                + FLINK_PREFIX
                + "*, "
                + WebhookSettings.PREFIX
                + "*)");
      }
    }
    OptionReader r = new OptionReader(Configuration.fromMap(own));
    int maxBytes = r.get(JobOptions.EVENTS_MAX_BYTES);
    if (maxBytes < 256) {
      throw new InvalidConfigException(JobOptions.EVENTS_MAX_BYTES.key(), "must be at least 256");
    }
    int snapshotBytes = r.get(JobOptions.RRWEB_MAX_SNAPSHOT_BYTES);
    if (snapshotBytes < 256 || snapshotBytes > 64 * 1024 * 1024) {
      throw new InvalidConfigException(
          JobOptions.RRWEB_MAX_SNAPSHOT_BYTES.key(), "must be between 256 and 67108864 (64 MiB)");
    }
    return new JobSettings(
        maxBytes,
        snapshotBytes,
        r.nonNegative(JobOptions.MAX_OUT_OF_ORDERNESS),
        r.nonNegative(JobOptions.WATERMARK_STEP),
        r.positive(JobOptions.IDLENESS),
        r.nonNegative(JobOptions.MAX_FUTURE),
        r.get(JobOptions.TRUST_RECEIVED_AT),
        r.positive(JobOptions.DEDUPE_HORIZON),
        r.positive(JobOptions.SESSION_TIMEOUT),
        r.get(JobOptions.PATTERNS_DIR),
        KafkaSettings.from(r, kafkaProperties),
        WebhookSettings.from(webhooks),
        IntentSettings.from(r),
        SessionSettings.from(r),
        inputFormat(r.get(JobOptions.INPUT_FORMAT)),
        Map.copyOf(flink),
        detectMode(r),
        detectCacheSessions(r));
  }

  private static int detectCacheSessions(OptionReader r) {
    int n = r.get(JobOptions.DETECT_CACHE_SESSIONS);
    if (n < 0) {
      throw new InvalidConfigException(
          r.key(JobOptions.DETECT_CACHE_SESSIONS), "must be 0 (no cache) or more, not " + n);
    }
    return n;
  }

  private static String detectMode(OptionReader r) {
    String mode = r.get(JobOptions.DETECT_MODE).trim().toLowerCase(java.util.Locale.ROOT);
    if (!mode.equals("eager") && !mode.equals("strict")) {
      throw new InvalidConfigException(
          JobOptions.DETECT_MODE.key(), "must be eager or strict, not '" + mode + "'");
    }
    return mode;
  }

  private static DecoderSettings.InputFormat inputFormat(String name) {
    try {
      return DecoderSettings.InputFormat.parse(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(JobOptions.INPUT_FORMAT.key(), e.getMessage());
    }
  }
}
