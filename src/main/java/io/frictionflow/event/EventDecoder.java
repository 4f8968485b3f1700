package io.frictionflow.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns one raw JSON record into a canonical {@link Event}, or says precisely why not.
 *
 * <p>Pure Java, no Flink: the decode operator wraps it. Core fields must be present and typed;
 * optional known fields must have the documented type when present; unknown fields are kept in
 * {@link Event#extra()}. Event time is skew corrected: {@code received_at - (sent_at - ts)} when
 * both are present, else {@code ts}. Sources call {@link #decodeRecord} with the record's bytes and
 * arrival time; it also bounds the event time by the arrival ({@link DecoderSettings}).
 */
public final class EventDecoder {
  /** Earliest plausible timestamp: 2000-01-01T00:00:00Z. */
  static final long MIN_TIME = 946_684_800_000L;

  /** Latest plausible timestamp: 2100-01-01T00:00:00Z. */
  static final long MAX_TIME = 4_102_444_800_000L;

  /** Deepest nesting of objects and arrays accepted; events need a handful of levels. */
  static final int MAX_DEPTH = 32;

  /** Longest number literal accepted, in characters. */
  static final int MAX_NUMBER_LENGTH = 100;

  private static final Set<String> KNOWN_FIELDS =
      Set.of(
          "event_id",
          "session_id",
          "type",
          "ts",
          "sent_at",
          "received_at",
          "anonymous_id",
          "user_id",
          "page",
          "target",
          "x",
          "y",
          "viewport",
          "device",
          "scroll",
          "field",
          "error",
          "pointer",
          "network",
          "how",
          "state",
          "modifiers",
          "props");

  private final ObjectMapper mapper;
  private final int maxBytes;
  private final long maxFutureMs;
  private final boolean trustReceivedAt;

  /**
   * A decoder with the job's default time bound.
   *
   * @param maxBytes records larger than this (UTF-8 bytes) are rejected as oversized
   */
  public EventDecoder(int maxBytes) {
    this(DecoderSettings.of(maxBytes));
  }

  /** A decoder with the given size limit and time bound. */
  public EventDecoder(DecoderSettings settings) {
    this.maxBytes = settings.maxBytes();
    this.maxFutureMs = settings.maxFuture().toMillis();
    this.trustReceivedAt = settings.trustReceivedAt();
    this.mapper = JsonMapper.builder().build();
    JsonFactory factory = mapper.getFactory();
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(maxBytes)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build());
    // Two values for one key are read differently by different parsers (first or last wins): a
    // collector could check one session_id and the job use the other. Reject instead.
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /**
   * Decodes one record as it was received, the single entry point of every source (Kafka records
   * and lines of files), so that they cannot differ: size, strict UTF-8, one JSON object and
   * nothing after it, the fields, then the time bound against the arrival.
   *
   * @param raw the record's bytes
   * @param arrivalMillis when the record arrived: the Kafka record timestamp, or for files the wall
   *     clock at decoding; {@code received_at} instead when the settings trust it
   */
  public Event decodeRecord(byte[] raw, long arrivalMillis, long ingestedAtMicros)
      throws DecodeException {
    if (raw == null) {
      throw new DecodeException(FailureReason.NOT_JSON, "", "record is null");
    }
    if (raw.length > maxBytes) {
      // Only "larger than": a file line is read no further than the limit, a Kafka record whole,
      // and both must say the same.
      throw new DecodeException(
          FailureReason.OVERSIZED,
          "",
          "record is larger than the limit of "
              + maxBytes
              + " bytes (frictionflow.events.max-bytes); raw keeps the first "
              + maxBytes);
    }
    Event e = decode(parseObject(strictUtf8(raw)), ingestedAtMicros);
    long arrival = arrival(e, arrivalMillis);
    if (e.time() - arrival > maxFutureMs) {
      throw new DecodeException(
          FailureReason.FUTURE_TIME,
          "ts",
          "event time "
              + Instant.ofEpochMilli(e.time())
              + " is "
              + (e.time() - arrival)
              + " ms ahead of its arrival at "
              + Instant.ofEpochMilli(arrival)
              + " (limit "
              + maxFutureMs
              + " ms, frictionflow.time.max-future)");
    }
    return e;
  }

  /**
   * The arrival time the event is bounded by: the record's arrival, or {@code received_at} when the
   * settings trust it, the event has one, and it is earlier. Earlier is the point of trusting it (a
   * replay re-produces old events with new record times); a {@code received_at} later than the
   * record's own arrival is impossible in a sane pipeline, and taking it would let a misplaced
   * trust move the watermark ahead.
   */
  public long arrival(Event e, long recordArrivalMillis) {
    return trustReceivedAt && e.receivedAt() != null
        ? Math.min(e.receivedAt(), recordArrivalMillis)
        : recordArrivalMillis;
  }

  /**
   * The payload as text for the failed output: UTF-8 when it is valid, else ISO-8859-1 byte for
   * byte so it can be recovered; no more than the size limit, cut at a character boundary.
   */
  public String rawText(byte[] raw) {
    if (raw == null) {
      return "";
    }
    int n = Math.min(raw.length, maxBytes);
    while (n > 0 && n < raw.length && (raw[n] & 0xC0) == 0x80) {
      n--;
    }
    try {
      return utf8(raw, n);
    } catch (DecodeException e) {
      return new String(raw, 0, n, StandardCharsets.ISO_8859_1);
    }
  }

  private static String strictUtf8(byte[] raw) throws DecodeException {
    return utf8(raw, raw.length);
  }

  private static String utf8(byte[] raw, int length) throws DecodeException {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw, 0, length);
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult r = utf8.decode(in, out, true);
    if (!r.isError()) {
      r = utf8.flush(out);
    }
    if (r.isError()) {
      throw new DecodeException(
          FailureReason.NOT_JSON,
          "",
          "record is not valid UTF-8 (byte " + in.position() + " of " + length + ")");
    }
    return out.flip().toString();
  }

  /**
   * Decodes {@code raw} text, stamping {@code ingestedAtMicros} on the result. No time bound: for
   * callers without an arrival time (pattern examples, training); sources use {@link
   * #decodeRecord}.
   */
  public Event decode(String raw, long ingestedAtMicros) throws DecodeException {
    if (raw == null) {
      throw new DecodeException(FailureReason.NOT_JSON, "", "record is null");
    }
    int bytes = raw.length() > maxBytes / 3 ? raw.getBytes(StandardCharsets.UTF_8).length : 0;
    if (bytes > maxBytes) {
      throw new DecodeException(
          FailureReason.OVERSIZED, "", "record is " + bytes + " bytes, limit is " + maxBytes);
    }
    return decode(parseObject(raw), ingestedAtMicros);
  }

  /** Exactly one JSON object, and nothing but white space after it. */
  private ObjectNode parseObject(String raw) throws DecodeException {
    try (JsonParser p = mapper.createParser(raw)) {
      JsonNode root = mapper.readTree(p);
      if (root == null || !root.isObject()) {
        throw new DecodeException(FailureReason.NOT_JSON, "", "record is not a JSON object");
      }
      JsonToken next;
      try {
        next = p.nextToken();
      } catch (JsonProcessingException e) {
        next = JsonToken.NOT_AVAILABLE;
      }
      if (next != null) {
        throw new DecodeException(
            FailureReason.NOT_JSON,
            "",
            "trailing data after the JSON object at character "
                + p.currentTokenLocation().getCharOffset());
      }
      return (ObjectNode) root;
    } catch (StreamConstraintsException e) {
      String m = e.getOriginalMessage();
      if (m.contains("nesting depth")) {
        throw new DecodeException(
            FailureReason.TOO_DEEP, "", "JSON nests deeper than " + MAX_DEPTH + " levels");
      }
      if (m.contains("Number value length")) {
        throw new DecodeException(
            FailureReason.OUT_OF_RANGE,
            "",
            "a number has more than " + MAX_NUMBER_LENGTH + " characters");
      }
      throw new DecodeException(FailureReason.NOT_JSON, "", "not valid JSON: " + m);
    } catch (JsonProcessingException e) {
      throw new DecodeException(
          FailureReason.NOT_JSON, "", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      // Parsing a String does no I/O; kept as a rejection rather than a crash all the same.
      throw new DecodeException(FailureReason.NOT_JSON, "", "not valid JSON: " + e.getMessage());
    }
  }

  /** Decodes an already parsed JSON object. */
  public Event decode(ObjectNode root, long ingestedAtMicros) throws DecodeException {
    String eventId = requiredString(root, "event_id");
    String sessionId = requiredString(root, "session_id");
    String type = requiredString(root, "type");
    JsonNode tsNode = root.get("ts");
    if (tsNode == null || tsNode.isNull()) {
      throw new DecodeException(FailureReason.MISSING_FIELD, "ts", "ts is required");
    }
    long ts = timestamp(tsNode, "ts");
    Long sentAt = optionalTimestamp(root, "sent_at");
    Long receivedAt = optionalTimestamp(root, "received_at");
    long time = ts;
    if (sentAt != null && receivedAt != null) {
      time = receivedAt - (sentAt - ts);
      checkPlausible(time, "ts", "skew-corrected event time");
    }

    ObjectNode page = optionalObject(root, "page");
    ObjectNode target = optionalObject(root, "target");
    ObjectNode viewport = optionalObject(root, "viewport");
    ObjectNode device = optionalObject(root, "device");
    ObjectNode scroll = optionalObject(root, "scroll");
    ObjectNode field = optionalObject(root, "field");
    ObjectNode error = optionalObject(root, "error");
    ObjectNode pointer = optionalObject(root, "pointer");
    ObjectNode network = optionalObject(root, "network");
    ObjectNode props = optionalObject(root, "props");

    Map<String, String> extra = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!KNOWN_FIELDS.contains(e.getKey())) {
        if (extra == null) {
          extra = new LinkedHashMap<>();
        }
        extra.put(e.getKey(), jsonText(e.getValue()));
      }
    }
    Map<String, String> propMap = null;
    if (props != null) {
      propMap = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        propMap.put(e.getKey(), jsonText(e.getValue()));
      }
    }

    return new Event(
        eventId,
        sessionId,
        type,
        time,
        ts,
        sentAt,
        receivedAt,
        optionalString(root, "anonymous_id", ""),
        optionalString(root, "user_id", ""),
        page == null
            ? null
            : new Page(
                optionalString(page, "url", "page."),
                optionalString(page, "path", "page."),
                optionalString(page, "referrer", "page."),
                optionalString(page, "title", "page."),
                optionalString(page, "category", "page.")),
        target == null
            ? null
            : new Target(
                optionalString(target, "selector", "target."),
                optionalString(target, "tag", "target."),
                optionalString(target, "text", "target."),
                optionalString(target, "href", "target."),
                optionalString(target, "role", "target."),
                optionalBoolean(target, "new_tab", "target."),
                optionalBoolean(target, "download", "target.")),
        optionalNumber(root, "x", ""),
        optionalNumber(root, "y", ""),
        viewport == null
            ? null
            : new Viewport(
                optionalInt(viewport, "w", "viewport."), optionalInt(viewport, "h", "viewport.")),
        device == null
            ? null
            : new Device(
                optionalString(device, "class", "device."),
                optionalString(device, "ua", "device.")),
        scroll == null
            ? null
            : new Scroll(
                optionalNumber(scroll, "depth_pct", "scroll."),
                optionalNumber(scroll, "dy", "scroll.")),
        field == null
            ? null
            : new FormField(
                optionalString(field, "id", "field."), optionalString(field, "form", "field.")),
        error == null
            ? null
            : new ErrorInfo(
                optionalString(error, "message", "error."),
                optionalString(error, "kind", "error.")),
        pointer == null
            ? null
            : new Pointer(
                optionalNumber(pointer, "distance", "pointer."),
                optionalInt(pointer, "dir_changes_x", "pointer."),
                optionalInt(pointer, "dir_changes_y", "pointer."),
                optionalLong(pointer, "duration_ms", "pointer.")),
        network == null
            ? null
            : new Network(
                optionalInt(network, "status", "network."),
                optionalString(network, "method", "network."),
                optionalString(network, "url", "network."),
                optionalLong(network, "duration_ms", "network.")),
        optionalString(root, "how", ""),
        optionalString(root, "state", ""),
        optionalString(root, "modifiers", ""),
        propMap,
        extra,
        ingestedAtMicros);
  }

  private static String jsonText(JsonNode node) {
    return node.isTextual() ? node.textValue() : node.toString();
  }

  private static String requiredString(ObjectNode root, String name) throws DecodeException {
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

  private static ObjectNode optionalObject(ObjectNode root, String name) throws DecodeException {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw wrongType(name, "an object", node);
    }
    return (ObjectNode) node;
  }

  private static String optionalString(ObjectNode obj, String name, String prefix)
      throws DecodeException {
    JsonNode node = obj.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(prefix + name, "a string", node);
    }
    return node.textValue();
  }

  private static Boolean optionalBoolean(ObjectNode obj, String name, String prefix)
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

  private static Double optionalNumber(ObjectNode obj, String name, String prefix)
      throws DecodeException {
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

  private static Integer optionalInt(ObjectNode obj, String name, String prefix)
      throws DecodeException {
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

  private static Long optionalLong(ObjectNode obj, String name, String prefix)
      throws DecodeException {
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

  private static Long optionalTimestamp(ObjectNode root, String name) throws DecodeException {
    JsonNode node = root.get(name);
    return node == null || node.isNull() ? null : timestamp(node, name);
  }

  /** Parses an ISO-8601 string or epoch milliseconds and checks the plausible range. */
  static long timestamp(JsonNode node, String name) throws DecodeException {
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

  private static long parseIso(String text, String name) throws DecodeException {
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException first) {
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new DecodeException(
            FailureReason.BAD_TIMESTAMP,
            name,
            name + " is not an ISO-8601 timestamp: '" + abbreviate(text) + "'");
      }
    } catch (ArithmeticException e) {
      throw new DecodeException(FailureReason.ABSURD_TIMESTAMP, name, name + " is out of range");
    }
  }

  private static void checkPlausible(long millis, String name, String what) throws DecodeException {
    if (millis < MIN_TIME || millis > MAX_TIME) {
      throw new DecodeException(
          FailureReason.ABSURD_TIMESTAMP,
          name,
          what + " " + millis + " is outside 2000-01-01..2100-01-01 (expects epoch milliseconds)");
    }
  }

  private static DecodeException wrongType(String path, String expected, JsonNode got) {
    String what =
        got.isNumber()
            ? "the number " + abbreviate(got.asText())
            : got.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    return new DecodeException(
        FailureReason.WRONG_TYPE, path, path + " must be " + expected + ", got " + what);
  }

  private static DecodeException outOfRange(String path, String fits) {
    return new DecodeException(
        FailureReason.OUT_OF_RANGE, path, path + " is out of range: does not fit " + fits);
  }

  /** An integer field takes integral numbers only; a non-finite number is out of range. */
  private static void checkIntegral(JsonNode node, String path) throws DecodeException {
    if (node.isNumber() && !node.isIntegralNumber() && !Double.isFinite(node.doubleValue())) {
      throw outOfRange(path, "an integer");
    }
    if (!node.isIntegralNumber()) {
      throw wrongType(path, "an integer", node);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
