package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as authors write them: {@code 250ms}, {@code 2.5s}, {@code 10m}, {@code 1h}, compound
 * forms with the units from the largest down ({@code 1h30m}, {@code 3m20s}, {@code 1m2.5s}), or
 * whole milliseconds. The one reader of durations in pattern files: values out of range are
 * reported, never thrown as a number-format error or wrapped around.
 */
public final class Durations {
  /** One part: a number and its unit ({@code ms} is tried before {@code m}). */
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)\\s*");

  /** The units from the largest down: a compound duration names them in this order. */
  private static final List<String> UNITS = List.of("h", "m", "s", "ms");

  /** The accepted forms, for error messages. */
  static final String FORMS =
      "a number with a unit h, m, s or ms (500ms, 2.5s, 10m, 1h), units from the largest down"
          + " (1h30m, 3m20s, 1m2.5s), or whole milliseconds (250)";

  private static final String EXPECTED = "expected a duration: " + FORMS;

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
   * @throws IllegalArgumentException naming the accepted forms, or saying that the value is too
   *     long
   */
  static Duration check(String text) {
    String t = text.trim();
    if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More than 18 digits cannot be a long, and is far above the limit anyway.
      return bounded(t.length() > 18 ? Double.MAX_VALUE : Long.parseLong(t), text);
    }
    List<String[]> parts = t.length() > 40 ? null : parts(t);
    if (parts == null) {
      throw new IllegalArgumentException(EXPECTED + "; got '" + shorten(text) + "'");
    }
    double millis = 0;
    int last = -1;
    for (int i = 0; i < parts.size(); i++) {
      String number = parts.get(i)[0];
      String unit = parts.get(i)[1];
      int rank = UNITS.indexOf(unit);
      if (rank <= last) {
        throw new IllegalArgumentException(
            "a compound duration names each unit once, from the largest down (h, m, s, ms), as"
                + " in 1h30m or 3m20s; got '"
                + shorten(text)
                + "'");
      }
      if (number.contains(".") && i < parts.size() - 1) {
        throw new IllegalArgumentException(
            "only the last part of a compound duration may have a fraction (1h30m, not 1.5h30m);"
                + " got '"
                + shorten(text)
                + "'");
      }
      last = rank;
      double v = Double.parseDouble(number);
      millis +=
          switch (unit) {
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> v * 3_600_000;
          };
    }
    return bounded(millis, text);
  }

  /** The number and unit of each part of {@code t}, or null when it is not a run of parts. */
  private static List<String[]> parts(String t) {
    List<String[]> out = new ArrayList<>();
    Matcher m = PART.matcher(t);
    int at = 0;
    while (at < t.length()) {
      m.region(at, t.length());
      if (!m.lookingAt()) {
        return null;
      }
      out.add(new String[] {m.group(1), m.group(2)});
      at = m.end();
    }
    return out.isEmpty() ? null : out;
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
      throw new IllegalArgumentException(EXPECTED + "; got " + ParamValues.show(v));
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

  /** Whether {@code text} reads as a duration with units (right or wrong in order or range). */
  static boolean looksLikeDuration(String text) {
    String t = text.trim();
    return t.length() <= 40 && parts(t) != null;
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
