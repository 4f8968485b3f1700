package io.frictionflow.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads event timestamps (ISO-8601 strings or epoch milliseconds) and holds them to the plausible
 * range.
 *
 * <p>The range (2000..2100) catches seconds sent as milliseconds and other unit mix-ups before they
 * move a watermark; anything outside is {@link FailureReason#ABSURD_TIMESTAMP}.
 */
public final class EventTimes {
  /** Earliest plausible timestamp: 2000-01-01T00:00:00Z. */
  static final long MIN_TIME = 946_684_800_000L;

  /** Latest plausible timestamp: 2100-01-01T00:00:00Z. */
  static final long MAX_TIME = 4_102_444_800_000L;

  static Long optionalTimestamp(ObjectNode root, String name) throws DecodeException {
    JsonNode node = root.get(name);
    return node == null || node.isNull() ? null : timestamp(node, name);
  }

  /** Parses an ISO-8601 string or epoch milliseconds and checks the plausible range. */
  public static long timestamp(JsonNode node, String name) throws DecodeException {
    long millis;
    if (node.isNumber()) {
      double v = node.doubleValue();
      if (!Double.isFinite(v)) {
        throw new DecodeException(
            FailureReason.ABSURD_TIMESTAMP, name, name + " is out of range: not a finite number");
      }
      millis = (long) v;
    } else if (node.isTextual()) {
      millis = parseIso(node.textValue(), name);
    } else {
      throw new DecodeException(
          FailureReason.BAD_TIMESTAMP,
          name,
          name + " must be an ISO-8601 string or epoch milliseconds");
    }
    checkPlausible(millis, name, name);
    return millis;
  }

  public static long parseIso(String text, String name) throws DecodeException {
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException first) {
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new DecodeException(
            FailureReason.BAD_TIMESTAMP,
            name,
            name + " is not an ISO-8601 timestamp: '" + JsonFields.abbreviate(text) + "'");
      }
    } catch (ArithmeticException e) {
      throw new DecodeException(FailureReason.ABSURD_TIMESTAMP, name, name + " is out of range");
    }
  }

  public static void checkPlausible(long millis, String name, String what) throws DecodeException {
    if (millis < MIN_TIME || millis > MAX_TIME) {
      throw new DecodeException(
          FailureReason.ABSURD_TIMESTAMP,
          name,
          what + " " + millis + " is outside 2000-01-01..2100-01-01 (expects epoch milliseconds)");
    }
  }

  private EventTimes() {}
}
