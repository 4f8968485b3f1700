package io.frictionflow.config;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/** Reads typed options, turning every parse failure into an error that names the key. */
final class OptionReader {
  private final Configuration conf;

  OptionReader(Configuration conf) {
    this.conf = conf;
  }

  <T> T get(ConfigOption<T> option) {
    try {
      return conf.get(option);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          option.key(), "cannot parse '" + conf.toMap().get(option.key()) + "': " + rootMessage(e));
    }
  }

  Duration positive(ConfigOption<Duration> option) {
    Duration d = get(option);
    if (d.isZero() || d.isNegative()) {
      throw new InvalidConfigException(option.key(), "must be longer than zero");
    }
    return d;
  }

  Duration nonNegative(ConfigOption<Duration> option) {
    Duration d = get(option);
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
