package io.frictionflow.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Typed reads of single fields from a parsed event, each failing with a {@link DecodeException}
 * that names the field's dotted path and what was expected.
 *
 * <p>Absent and JSON {@code null} mean the same (no value) for optional fields. Messages name the
 * path with its parent prefix ({@code page.url}) so a rejected record says exactly which field.
 */
public final class JsonFields {
  private JsonFields() {}

  public static String jsonText(JsonNode node) {
    return node.isTextual() ? node.textValue() : node.toString();
  }

  static String requiredString(ObjectNode root, String name) throws DecodeException {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      throw new DecodeException(FailureReason.MISSING_FIELD, name, name + " is required");
    }
    if (!node.isTextual()) {
      throw new DecodeException(
          FailureReason.WRONG_TYPE,
          name,
          name + " must be a string, got " + node.getNodeType().name().toLowerCase());
    }
    if (node.textValue().isBlank()) {
      throw new DecodeException(FailureReason.MISSING_FIELD, name, name + " is empty");
    }
    return node.textValue();
  }

  static ObjectNode optionalObject(ObjectNode root, String name) throws DecodeException {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw wrongType(name, "an object", node);
    }
    return (ObjectNode) node;
  }

  static String optionalString(ObjectNode obj, String name, String prefix) throws DecodeException {
    JsonNode node = obj.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(prefix + name, "a string", node);
    }
    return node.textValue();
  }

  static Boolean optionalBoolean(ObjectNode obj, String name, String prefix)
      throws DecodeException {
    JsonNode node = obj.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw wrongType(prefix + name, "a boolean", node);
    }
    return node.booleanValue();
  }

  static Double optionalNumber(ObjectNode obj, String name, String prefix) throws DecodeException {
    JsonNode node = obj.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw wrongType(prefix + name, "a number", node);
    }
    if (!Double.isFinite(node.doubleValue())) {
      throw outOfRange(prefix + name, "a finite double");
    }
    return node.doubleValue();
  }

  static Integer optionalInt(ObjectNode obj, String name, String prefix) throws DecodeException {
    JsonNode node = obj.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    checkIntegral(node, prefix + name);
    if (!node.canConvertToInt()) {
      throw outOfRange(prefix + name, "a 32-bit integer");
    }
    return node.intValue();
  }

  static Long optionalLong(ObjectNode obj, String name, String prefix) throws DecodeException {
    JsonNode node = obj.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    checkIntegral(node, prefix + name);
    if (!node.canConvertToLong()) {
      throw outOfRange(prefix + name, "a 64-bit integer");
    }
    return node.longValue();
  }

  public static DecodeException wrongType(String path, String expected, JsonNode got) {
    String what =
        got.isNumber()
            ? "the number " + abbreviate(got.asText())
            : got.getNodeType().name().toLowerCase(Locale.ROOT);
    return new DecodeException(
        FailureReason.WRONG_TYPE, path, path + " must be " + expected + ", got " + what);
  }

  public static DecodeException outOfRange(String path, String fits) {
    return new DecodeException(
        FailureReason.OUT_OF_RANGE, path, path + " is out of range: does not fit " + fits);
  }

  /** An integer field takes integral numbers only; a non-finite number is out of range. */
  static void checkIntegral(JsonNode node, String path) throws DecodeException {
    if (node.isNumber() && !node.isIntegralNumber() && !Double.isFinite(node.doubleValue())) {
      throw outOfRange(path, "an integer");
    }
    if (!node.isIntegralNumber()) {
      throw wrongType(path, "an integer", node);
    }
  }

  public static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
