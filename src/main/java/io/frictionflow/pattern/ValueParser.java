package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.frictionflow.pattern.Conditions.NumOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Reads the plain values of a pattern file (flags, counts, durations, name lists, numeric bounds),
 * reporting a bad one by its field path and returning a neutral value instead.
 */
final class ValueParser {
  private final BiConsumer<String, String> error;
  private final UnaryOperator<String> from;

  /**
   * @param error takes a field path and a message
   * @param from says which parameter supplied the value at a path, e.g. " (from $clicks)", or ""
   */
  ValueParser(BiConsumer<String, String> error, UnaryOperator<String> from) {
    this.error = error;
    this.from = from;
  }

  /** {@code obj.key} as true or false; false when absent or after an error. */
  boolean bool(JsonNode obj, String key, String path) {
    JsonNode v = obj.get(key);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      error.accept(
          PatternParser.join(path, key), "expected true or false, got " + ParamValues.show(v));
      return false;
    }
    return v.booleanValue();
  }

  /** Top-level {@code obj.key} as a whole number of at least 1; {@code dflt} if absent or bad. */
  int positiveInt(JsonNode obj, String key, boolean required, int dflt) {
    JsonNode v = obj.get(key);
    if (v == null) {
      if (required) {
        error.accept(key, key + " is required");
      }
      return dflt;
    }
    if (!v.isIntegralNumber() || v.intValue() < 1) {
      error.accept(key, "expected a whole number of at least 1, got " + ParamValues.show(v));
      return dflt;
    }
    return v.intValue();
  }

  /** {@code v} as a duration (see {@link Durations#of}); null when absent or after an error. */
  Duration duration(JsonNode v, String path, boolean required) {
    if (v == null) {
      if (required) {
        error.accept(path, "required");
      }
      return null;
    }
    try {
      return Durations.of(v);
    } catch (IllegalArgumentException e) {
      error.accept(path, e.getMessage() + from.apply(path));
      return null;
    }
  }

  /** A name or a list of names; null when absent or after an error. */
  List<String> stringList(JsonNode v, String path, boolean required) {
    if (v == null) {
      if (required) {
        error.accept(path, path + " is required");
      }
      return null;
    }
    if (v.isTextual()) {
      return List.of(v.textValue());
    }
    if (!v.isArray()) {
      error.accept(path, "expected a list of names");
      return null;
    }
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out;
  }

  /**
   * The bounds of numeric operator {@code op} ({@code lt}, {@code lte}, {@code gt}, {@code gte} or
   * {@code between}) with value {@code v}; durations, when {@code time}, become milliseconds. Empty
   * after an error.
   */
  List<Bound> bounds(String op, JsonNode v, String path, boolean time) {
    List<Bound> out = new ArrayList<>();
    if (op.equals("between")) {
      if (!v.isArray() || v.size() != 2) {
        error.accept(path, "between takes [low, high]");
        return out;
      }
      Double lo = number(v.get(0), path + "[0]", time);
      Double hi = number(v.get(1), path + "[1]", time);
      if (lo != null && hi != null) {
        if (lo > hi) {
          error.accept(path, "between: low is above high");
        }
        out.add(new Bound(NumOp.GTE, lo));
        out.add(new Bound(NumOp.LTE, hi));
      }
      return out;
    }
    Double b = number(v, path, time);
    if (b != null) {
      out.add(new Bound(NumOp.valueOf(op.toUpperCase(Locale.ROOT)), b));
    }
    return out;
  }

  private Double number(JsonNode v, String path, boolean time) {
    if (time) {
      try {
        return (double) Durations.of(v).toMillis();
      } catch (IllegalArgumentException e) {
        error.accept(path, e.getMessage() + from.apply(path));
        return null;
      }
    }
    if (!v.isNumber()) {
      error.accept(path, "expected a number, got " + ParamValues.show(v));
      return null;
    }
    return v.doubleValue();
  }

  /** A literal to compare a field with: a number as a double, a boolean, else the text. */
  static Object literal(JsonNode v) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    return v.asText();
  }

  /** A required or optional text field of {@code obj}; errors go to {@code ctx}. */
  static String text(
      JsonNode obj, String key, String path, boolean required, PatternParser.Ctx ctx) {
    JsonNode v = obj.get(key);
    String p = PatternParser.join(path, key);
    if (v == null || v.isNull()) {
      if (required) {
        ctx.error(p, key + " is required");
      }
      return null;
    }
    if (!v.isTextual() && !v.isNumber()) {
      ctx.error(p, "expected text, got " + ParamValues.show(v));
      return null;
    }
    return v.asText();
  }
}
