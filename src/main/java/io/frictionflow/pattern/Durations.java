package io.frictionflow.pattern;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as authors write them: {@code 250ms}, {@code 2.5s}, {@code 10m}, {@code 1h}. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  private Durations() {}

  /** Parses {@code text}, or returns null when it is not a duration. Plain numbers are ms. */
  public static Duration parse(String text) {
    String t = text.trim();
    if (t.matches("\\d+")) {
      return Duration.ofMillis(Long.parseLong(t));
    }
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      return null;
    }
    double v = Double.parseDouble(m.group(1));
    double millis =
        switch (m.group(2)) {
          case "ms" -> v;
          case "s" -> v * 1000;
          case "m" -> v * 60_000;
          default -> v * 3_600_000;
        };
    return Duration.ofMillis(Math.round(millis));
  }

  /** Whether {@code text} reads as a duration with a unit. */
  static boolean looksLikeDuration(String text) {
    return FORM.matcher(text.trim()).matches();
  }

  /** The shortest readable form, e.g. {@code 1500ms} or {@code 2s}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0 && ms > 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
