package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Set;

/** Type checks and text conversion for parameter values. */
final class ParamValues {
  static final Set<String> TYPES = Set.of("int", "number", "duration", "string", "bool", "list");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ParamValues() {}

  /** The type a bare default implies. */
  static String inferType(JsonNode v) {
    if (v.isIntegralNumber()) {
      return "int";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isArray()) {
      return "list";
    }
    if (v.isTextual() && Durations.looksLikeDuration(v.textValue())) {
      return "duration";
    }
    return "string";
  }

  /**
   * Checks {@code v} against {@code type} and returns it in normal form.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  static JsonNode check(String type, JsonNode v) {
    switch (type) {
      case "int" -> {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
          throw new IllegalArgumentException("expected an integer, got " + show(v));
        }
        return v;
      }
      case "number" -> {
        if (!v.isNumber()) {
          throw new IllegalArgumentException("expected a number, got " + show(v));
        }
        return v;
      }
      case "duration" -> {
        Durations.of(v); // throws saying what is wrong
        return v.isIntegralNumber() ? NODES.textNode(v.longValue() + "ms") : v;
      }
      case "bool" -> {
        if (!v.isBoolean()) {
          throw new IllegalArgumentException("expected true or false, got " + show(v));
        }
        return v;
      }
      case "list" -> {
        if (!v.isArray()) {
          throw new IllegalArgumentException("expected a list, got " + show(v));
        }
        for (JsonNode item : v) {
          if (!item.isValueNode() || item.isNull()) {
            throw new IllegalArgumentException(
                "list items must be plain values, got " + show(item));
          }
        }
        return v;
      }
      default -> {
        if (!v.isTextual()) {
          throw new IllegalArgumentException("expected text, got " + show(v));
        }
        return v;
      }
    }
  }

  /** Converts command-line text to a value of the parameter's type. */
  static JsonNode fromText(ParamDef def, String text) {
    String t = text.trim();
    JsonNode v =
        switch (def.type()) {
          case "int" -> {
            try {
              yield NODES.numberNode(Integer.parseInt(t));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("expected an integer");
            }
          }
          case "number" -> {
            try {
              yield NODES.numberNode(Double.parseDouble(t));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("expected a number");
            }
          }
          case "bool" -> {
            if (!t.equals("true") && !t.equals("false")) {
              throw new IllegalArgumentException("expected true or false");
            }
            yield NODES.booleanNode(Boolean.parseBoolean(t));
          }
          case "list" -> {
            ArrayNode a = NODES.arrayNode();
            if (!t.isEmpty()) {
              for (String part : t.split(",")) {
                a.add(part.trim());
              }
            }
            yield a;
          }
          default -> NODES.textNode(t);
        };
    return check(def.type(), v);
  }

  static String show(JsonNode v) {
    if (v.isTextual()) {
      return "'" + v.textValue() + "'";
    }
    return v.getNodeType().name().toLowerCase() + " " + v;
  }
}
