package io.frictionflow.config;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/** Reads typed options, turning every parse failure into an error that names the key. */
final class OptionReader {
  private final Configuration conf;
  private final String prefix;

  OptionReader(Configuration conf) {
    this(conf, "");
  }

  /**
   * @param prefix put before each option's key in error messages, for options read from a section
   *     such as one webhook destination
   */
  OptionReader(Configuration conf, String prefix) {
    this.conf = conf;
    this.prefix = prefix;
  }

  /** The key as the user wrote it. */
  String key(ConfigOption<?> option) {
    return prefix + option.key();
  }

  /** A ;- or ,-separated list (a YAML list in a config file), without blanks. */
  static java.util.List<String> list(String joined) {
    return joined == null || joined.isBlank()
        ? java.util.List.of()
        : java.util.Arrays.stream(joined.split("[;,]"))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
  }

  <T> T get(ConfigOption<T> option) {
    try {
      return conf.get(option);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          key(option), "cannot parse '" + conf.toMap().get(option.key()) + "': " + rootMessage(e));
    }
  }

  Duration positive(ConfigOption<Duration> option) {
    Duration d = get(option);
    if (d.isZero() || d.isNegative()) {
      throw new InvalidConfigException(key(option), "must be longer than zero");
    }
    return d;
  }

  Duration nonNegative(ConfigOption<Duration> option) {
    Duration d = get(option);
    if (d.isNegative()) {
      throw new InvalidConfigException(key(option), "must not be negative");
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
