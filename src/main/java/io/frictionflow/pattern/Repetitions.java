package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Reads a stage's repetitions ({@code times}) and holds them to {@link
 * PatternLimits#MAX_REPETITIONS}, per stage and for the pattern: FlinkCEP builds about three NFA
 * states per repetition, so an unbounded count is an unbounded automaton.
 */
final class Repetitions {
  private static final Set<String> KEYS = Set.of("min", "max", "at_least");

  private final BiConsumer<String, String> error;
  private final UnaryOperator<String> from;

  /**
   * @param error takes a field path and a message
   * @param from says which parameter supplied the value at a path, e.g. " (from $clicks)", or ""
   */
  Repetitions(BiConsumer<String, String> error, UnaryOperator<String> from) {
    this.error = error;
    this.from = from;
  }

  /** The repetitions {@code t} says; {@link Times#ONCE} after an error. */
  Times times(JsonNode t, String path) {
    if (t.isIntegralNumber()) {
      int n = Math.max(1, count(t, path, "times"));
      return new Times(n, n);
    }
    if (t.isObject()) {
      checkKeys(t, path);
      if (t.has("at_least")) {
        if (t.has("min") || t.has("max")) {
          error.accept(path, "use at_least alone, or min and max");
        }
        return new Times(
            Math.max(1, count(t.get("at_least"), path + ".at_least", "at_least")), Times.OPEN);
      }
      if (!t.has("min") || !t.has("max")) {
        error.accept(path, "expected min and max with 1 <= min <= max");
        return Times.ONCE;
      }
      int min = count(t.get("min"), path + ".min", "min");
      int max = count(t.get("max"), path + ".max", "max");
      if (min == 0 || max == 0) {
        return Times.ONCE;
      }
      if (max < min) {
        error.accept(path, "expected min and max with 1 <= min <= max");
        return Times.ONCE;
      }
      return new Times(min, max);
    }
    error.accept(
        path,
        "expected a count, {min, max} or {at_least}; got "
            + ParamValues.show(t)
            + from.apply(path));
    return Times.ONCE;
  }

  /**
   * A repetition count: a whole number from 1 to {@link PatternLimits#MAX_REPETITIONS}; 0 after an
   * error.
   */
  private int count(JsonNode v, String path, String what) {
    if (v == null || !v.isIntegralNumber()) {
      error.accept(
          path,
          what
              + " takes a whole number, got "
              + (v == null ? "nothing" : ParamValues.show(v))
              + from.apply(path));
      return 0;
    }
    if (v.canConvertToInt() && v.intValue() < 1) {
      error.accept(path, what + " must be at least 1" + from.apply(path));
      return 0;
    }
    if (!v.canConvertToInt() || v.intValue() > PatternLimits.MAX_REPETITIONS) {
      error.accept(
          path,
          what
              + " "
              + v.asText()
              + " is above the limit of "
              + PatternLimits.MAX_REPETITIONS
              + " repetitions per pattern"
              + from.apply(path));
      return 0;
    }
    return v.intValue();
  }

  private void checkKeys(JsonNode t, String path) {
    t.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                error.accept(
                    path + "." + k, "unknown key '" + k + "'" + PatternParser.suggestion(k, KEYS));
              }
            });
  }

  /** Reports when the stages' repetitions add up to more than the limit. */
  void checkTotal(List<StageSpec> stages) {
    long repetitions = 0;
    for (StageSpec st : stages) {
      repetitions += st.maxTimes() == Times.OPEN ? st.minTimes() + 1L : st.maxTimes();
    }
    if (repetitions > PatternLimits.MAX_REPETITIONS) {
      error.accept(
          "stages",
          "the stages repeat "
              + repetitions
              + " times in all (each stage counts its times, max or at_least + 1); the limit is "
              + PatternLimits.MAX_REPETITIONS
              + " repetitions per pattern");
    }
  }
}
