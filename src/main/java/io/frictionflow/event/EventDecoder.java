package io.frictionflow.event;

import static io.frictionflow.event.JsonFields.jsonText;
import static io.frictionflow.event.JsonFields.optionalBoolean;
import static io.frictionflow.event.JsonFields.optionalInt;
import static io.frictionflow.event.JsonFields.optionalLong;
import static io.frictionflow.event.JsonFields.optionalNumber;
import static io.frictionflow.event.JsonFields.optionalObject;
import static io.frictionflow.event.JsonFields.optionalString;
import static io.frictionflow.event.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.format.FormatDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 *
 * <p>The parts: {@link StrictJson} reads bytes and text under the limits, {@link JsonFields} reads
 * typed fields, {@link EventTimes} reads timestamps; this class assembles the event. A record of a
 * tracker's format ({@link DecoderSettings#format()}) is first mapped onto the canonical event's
 * JSON by its {@link io.frictionflow.event.format.FormatDecoder}; its errors name the format and
 * the field as the format names it.
 */
public final class EventDecoder {
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

  private final StrictJson json;
  private final FormatDecoder format;
  private final int maxBytes;
  private final int maxRecordBytes;
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
    this.maxRecordBytes = settings.format() == null ? maxBytes : settings.maxRecordBytes();
    this.maxFutureMs = settings.maxFuture().toMillis();
    this.trustReceivedAt = settings.trustReceivedAt();
    this.json = new StrictJson(maxBytes);
    this.format = settings.format() == null ? null : FormatDecoder.of(settings);
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
    return decodeRecord(null, raw, arrivalMillis, ingestedAtMicros);
  }

  /**
   * As {@link #decodeRecord(byte[], long, long)}, for a Kafka record with its key: a format that
   * takes the session id from the key (rrweb) reads it; the others ignore it.
   *
   * @param key the record key, or null
   */
  public Event decodeRecord(byte[] key, byte[] raw, long arrivalMillis, long ingestedAtMicros)
      throws DecodeException {
    if (raw == null) {
      throw new DecodeException(FailureReason.NOT_JSON, "", "record is null");
    }
    if (raw.length > maxRecordBytes) {
      // Only "larger than": a file line is read no further than the limit, a Kafka record whole,
      // and both must say the same. Between maxBytes and maxRecordBytes only rrweb's DOM records
      // are read (its decoder says so of the others).
      throw inFormat(
          FailureReason.OVERSIZED,
          "",
          maxRecordBytes > maxBytes
              ? "record is larger than the limit of "
                  + maxRecordBytes
                  + " bytes for a FullSnapshot or Mutation"
                  + " (frictionflow.rrweb.max-snapshot-bytes); raw keeps the first "
                  + maxBytes
              : oversized(maxBytes));
    }
    String text;
    try {
      text = StrictJson.strictUtf8(raw);
    } catch (DecodeException x) {
      throw inFormat(x.reason(), x.field(), x.getMessage());
    }
    Event e =
        format == null
            ? decode(json.parseObject(text), ingestedAtMicros)
            : decodeFormat(text, keyText(key), ingestedAtMicros);
    long arrival = arrival(e, arrivalMillis);
    if (e.time() - arrival > maxFutureMs) {
      throw inFormat(
          FailureReason.FUTURE_TIME,
          format == null ? "ts" : format.sourceField("ts"),
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
   * A record of a tracker's format: mapped onto the canonical JSON, then decoded as canonical.
   * Every error names the format and the field as the format names it.
   */
  private Event decodeFormat(String text, String key, long ingestedAtMicros)
      throws DecodeException {
    ObjectNode canonical;
    try {
      canonical = format.toCanonical(text, json, key);
    } catch (DecodeException x) {
      throw inFormat(x.reason(), x.field(), x.getMessage());
    }
    try {
      return decode(canonical, ingestedAtMicros);
    } catch (DecodeException x) {
      throw inFormat(x.reason(), format.sourceField(x.field()), x.getMessage());
    }
  }

  /** A key as text when it is short, valid UTF-8; else none. */
  private static String keyText(byte[] key) {
    if (key == null || key.length == 0 || key.length > 1024) {
      return null;
    }
    try {
      return StrictJson.strictUtf8(key);
    } catch (DecodeException e) {
      return null;
    }
  }

  /**
   * Whether the format's events are mapped again with their session's state after the source
   * (rrweb's node tree), so that a source keeps each record's text for that.
   */
  public boolean statefulFormat() {
    return format != null && format.format() == DecoderSettings.InputFormat.RRWEB;
  }

  /** Why a record over the event limit {@code maxBytes} is rejected. */
  public static String oversized(int maxBytes) {
    return "record is larger than the limit of "
        + maxBytes
        + " bytes (frictionflow.events.max-bytes); raw keeps the first "
        + maxBytes;
  }

  private DecodeException inFormat(FailureReason reason, String field, String message) {
    return format == null
        ? new DecodeException(reason, field, message)
        : new DecodeException(reason, field, format.format().label() + ": " + message);
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
      return StrictJson.utf8(raw, n);
    } catch (DecodeException e) {
      return new String(raw, 0, n, StandardCharsets.ISO_8859_1);
    }
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
    return decode(json.parseObject(raw), ingestedAtMicros);
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
    long ts = EventTimes.timestamp(tsNode, "ts");
    Long sentAt = EventTimes.optionalTimestamp(root, "sent_at");
    Long receivedAt = EventTimes.optionalTimestamp(root, "received_at");
    long time = ts;
    if (sentAt != null && receivedAt != null) {
      time = receivedAt - (sentAt - ts);
      EventTimes.checkPlausible(time, "ts", "skew-corrected event time");
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
}
