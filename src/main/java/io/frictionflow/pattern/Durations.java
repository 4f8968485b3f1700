package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as authors write them: {@code 250ms}, {@code 2.5s}, {@code 10m}, {@code 1h}, or whole
 * milliseconds. The one reader of durations in pattern files: values out of range are reported,
 * never thrown as a number-format error or wrapped around.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
  private static final String EXPECTED = "expected a duration such as 500ms, 2.5s, 10m or 1h";

  private Durations() {}

  /** Parses {@code text}, or returns null when it is not a duration or out of range. */
  public static Duration parse(String text) {
    try {
      return check(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Parses {@code text}; plain digits are milliseconds.
   *
   * @throws IllegalArgumentException saying what was expected, or that the value is too long
   */
  static Duration check(String text) {
    String t = text.trim();
    if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More than 18 digits cannot be a long, and is far above the limit anyway.
      return bounded(t.length() > 18 ? Double.MAX_VALUE : Long.parseLong(t), text);
    }
    Matcher m = FORM.matcher(t);
    if (t.length() > 40 || !m.matches()) {
      throw new IllegalArgumentException(EXPECTED + ", got '" + shorten(text) + "'");
    }
    double v = Double.parseDouble(m.group(1));
    double millis =
        switch (m.group(2)) {
          case "ms" -> v;
          case "s" -> v * 1000;
          case "m" -> v * 60_000;
          default -> v * 3_600_000;
        };
    return bounded(millis, text);
  }

  /**
   * Reads a duration value: text as {@link #check(String)}, or a whole number of milliseconds.
   *
   * @throws IllegalArgumentException saying what was expected, or that the value is out of range
   */
  static Duration of(JsonNode v) {
    if (v.isIntegralNumber()) {
      if (v.canConvertToLong() && v.longValue() < 0) {
        throw new IllegalArgumentException(
            "a duration cannot be negative, got " + ParamValues.show(v));
      }
      return bounded(v.canConvertToLong() ? v.longValue() : Double.MAX_VALUE, v.asText());
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(EXPECTED + ", got " + ParamValues.show(v));
    }
    return check(v.textValue());
  }

  private static Duration bounded(double millis, String text) {
    if (millis > PatternLimits.MAX_DURATION.toMillis()) {
      throw new IllegalArgumentException(
          "duration '"
              + shorten(text)
              + "' is longer than the limit of "
              + format(PatternLimits.MAX_DURATION)
              + " ("
              + PatternLimits.MAX_DURATION.toDays()
              + " days)");
    }
    return Duration.ofMillis(Math.round(millis));
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  /** Whether {@code text} reads as a duration with a unit. */
  static boolean looksLikeDuration(String text) {
    return text.length() <= 40 && FORM.matcher(text.trim()).matches();
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
