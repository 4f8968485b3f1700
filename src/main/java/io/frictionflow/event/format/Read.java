package io.frictionflow.event.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.EventTimes;
import io.frictionflow.event.FailureReason;
import io.frictionflow.event.JsonFields;

/**
 * Typed reads of a tracker's fields, each failing with the field's path as the tracker names it
 * (e.g. {@code properties.$session_id}). Absent and JSON null mean no value.
 */
final class Read {
  private Read() {}

  static JsonNode value(ObjectNode o, String name) {
    JsonNode n = o == null ? null : o.get(name);
    return n == null || n.isNull() ? null : n;
  }

  static ObjectNode object(ObjectNode o, String name, String path) throws DecodeException {
    JsonNode n = value(o, name);
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      throw JsonFields.wrongType(path, "an object", n);
    }
    return (ObjectNode) n;
  }

  static String string(ObjectNode o, String name, String path) throws DecodeException {
    JsonNode n = value(o, name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw JsonFields.wrongType(path, "a string", n);
    }
    return n.textValue();
  }

  /** A string, or an integral number as its text (ids some trackers send as numbers). */
  static String id(ObjectNode o, String name, String path) throws DecodeException {
    JsonNode n = value(o, name);
    if (n != null && n.isIntegralNumber()) {
      return n.asText();
    }
    return string(o, name, path);
  }

  static String required(String value, String path) throws DecodeException {
    if (value == null || value.isBlank()) {
      throw missing(path);
    }
    return value;
  }

  static DecodeException missing(String path) {
    return new DecodeException(FailureReason.MISSING_FIELD, path, path + " is required");
  }

  static Double number(ObjectNode o, String name, String path) throws DecodeException {
    JsonNode n = value(o, name);
    if (n == null) {
      return null;
    }
    if (!n.isNumber()) {
      throw JsonFields.wrongType(path, "a number", n);
    }
    if (!Double.isFinite(n.doubleValue())) {
      throw JsonFields.outOfRange(path, "a finite double");
    }
    return n.doubleValue();
  }

  static Integer integer(ObjectNode o, String name, String path) throws DecodeException {
    Double d = number(o, name, path);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d)) {
      throw JsonFields.wrongType(path, "an integer", o.get(name));
    }
    if (Math.abs(d) > Integer.MAX_VALUE) {
      throw JsonFields.outOfRange(path, "a 32-bit integer");
    }
    return d.intValue();
  }

  /** An ISO-8601 string or epoch milliseconds, in the plausible range. */
  static Long time(ObjectNode o, String name, String path) throws DecodeException {
    JsonNode n = value(o, name);
    return n == null ? null : EventTimes.timestamp(n, path);
  }

  /** Puts {@code value} under {@code name} unless it is null. */
  static void put(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  static void put(ObjectNode o, String name, Double value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  static void put(ObjectNode o, String name, Integer value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  static void put(ObjectNode o, String name, Long value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  /** Puts {@code child} under {@code name} unless it is empty. */
  static void putObject(ObjectNode o, String name, ObjectNode child) {
    if (child != null && !child.isEmpty()) {
      o.set(name, child);
    }
  }
}
