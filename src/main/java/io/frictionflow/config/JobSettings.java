package io.frictionflow.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The job's options parsed once and validated; immutable. Build it with {@link #from}, which fails
 * naming the key for an unknown key or a bad value.
 */
public record JobSettings(
    int maxEventBytes,
    Duration maxOutOfOrderness,
    Duration idleness,
    Duration dedupeHorizon,
    Duration sessionTimeout,
    String patternsDir)
    implements Serializable {

  /** The defaults of every option. */
  public static JobSettings defaults() {
    return from(Map.of());
  }

  /**
   * Parses {@code values} (key to text).
   *
   * @throws InvalidConfigException naming the key and the reason
   */
  public static JobSettings from(Map<String, String> values) {
    Set<String> known = JobOptions.ALL.stream().map(ConfigOption::key).collect(Collectors.toSet());
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new InvalidConfigException(
            key,
            "unknown option (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
    Configuration conf = Configuration.fromMap(values);
    int maxBytes = get(conf, JobOptions.EVENTS_MAX_BYTES);
    if (maxBytes < 256) {
      throw new InvalidConfigException(JobOptions.EVENTS_MAX_BYTES.key(), "must be at least 256");
    }
    return new JobSettings(
        maxBytes,
        nonNegative(conf, JobOptions.MAX_OUT_OF_ORDERNESS),
        positive(conf, JobOptions.IDLENESS),
        positive(conf, JobOptions.DEDUPE_HORIZON),
        positive(conf, JobOptions.SESSION_TIMEOUT),
        conf.get(JobOptions.PATTERNS_DIR));
  }

  private static <T> T get(Configuration conf, ConfigOption<T> option) {
    try {
      return conf.get(option);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          option.key(), "cannot parse '" + conf.toMap().get(option.key()) + "': " + rootMessage(e));
    }
  }

  private static Duration positive(Configuration conf, ConfigOption<Duration> option) {
    Duration d = get(conf, option);
    if (d.isZero() || d.isNegative()) {
      throw new InvalidConfigException(option.key(), "must be longer than zero");
    }
    return d;
  }

  private static Duration nonNegative(Configuration conf, ConfigOption<Duration> option) {
    Duration d = get(conf, option);
    if (d.isNegative()) {
      throw new InvalidConfigException(option.key(), "must not be negative");
    }
    return d;
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
