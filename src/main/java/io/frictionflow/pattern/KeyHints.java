package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Explanations for unknown keys that fit the mistake better than the nearest allowed key: words
 * from other condition languages ({@code or} for {@code any}) and condition keys written on a stage
 * instead of under its {@code where:}.
 */
final class KeyHints {
  /** Words authors bring from SQL, JSON Logic or code, and the key this language uses. */
  static final Map<String, String> CONDITION_WORDS =
      Map.of(
          "or", "any",
          "and", "all",
          "equals", "eq",
          "neq", "ne",
          "not_eq", "ne",
          "regex", "matches",
          "one_of", "in",
          "none_of", "not_in");

  private KeyHints() {}

  /**
   * Why {@code key} is not a condition key, or null to fall back to the nearest allowed key.
   *
   * @param value the value written under the key, for the example
   */
  static String inCondition(String key, JsonNode value) {
    String word = CONDITION_WORDS.get(key);
    if (word != null) {
      String what =
          switch (word) {
            case "any" -> " any: [...] holds when one of its conditions holds";
            case "all" -> " all: [...] holds when every one of its conditions holds";
            default -> "";
          };
      return " (did you mean '" + word + "'?" + what + ")";
    }
    String example = fieldExample(key, value);
    if (example != null) {
      return ": a condition names the event field with field:, e.g. " + example;
    }
    return null;
  }

  /**
   * Why {@code key} is not a stage key when it belongs in the stage's {@code where:}, or null to
   * fall back to the nearest allowed key. A key one edit away from a stage key is taken for a typo
   * of it ({@code time} for {@code times}).
   */
  static String onStage(String key, JsonNode value, Set<String> stageKeys) {
    for (String k : stageKeys) {
      if (PatternParser.editDistance(key, k) <= 1) {
        return null;
      }
    }
    String example = fieldExample(key, value);
    if (example != null) {
      return ": "
          + key
          + " is an event field; a stage tests its events under where:, e.g. where: "
          + example;
    }
    String word = CONDITION_WORDS.get(key);
    if (word != null) {
      return ": a stage's conditions go under where:, and '"
          + key
          + "' is written '"
          + word
          + "' there, e.g. where: {"
          + word
          + ": [...]}";
    }
    if (ConditionParser.CONDITION_KEYS.contains(key)) {
      return ": "
          + key
          + " belongs in a condition; a stage's conditions go under where:, e.g. where:"
          + " {field: target.tag, eq: button}";
    }
    return null;
  }

  /**
   * {@code {field: KEY, eq: VALUE}} when {@code key} is an event field (or, with an object value,
   * the parent of one); null when it is not.
   */
  private static String fieldExample(String key, JsonNode value) {
    if (EventFields.paths().contains(key)) {
      return "{field: " + key + ", eq: " + shown(value) + "}";
    }
    String prefix = key + ".";
    if (EventFields.paths().stream().anyMatch(p -> p.startsWith(prefix))
        || key.equals("props")
        || key.equals("extra")) {
      if (value != null && value.isObject() && value.size() > 0) {
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        Map.Entry<String, JsonNode> first = it.next();
        return "{field: " + prefix + first.getKey() + ", eq: " + shown(first.getValue()) + "}";
      }
      return "{field: " + prefix + "NAME, eq: ...}";
    }
    return null;
  }

  private static String shown(JsonNode value) {
    if (value == null || !value.isValueNode()) {
      return "...";
    }
    String t = value.asText();
    return t.length() > 30 ? "..." : t;
  }
}
