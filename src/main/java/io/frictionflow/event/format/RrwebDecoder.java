package io.frictionflow.event.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.event.FailureReason;
import io.frictionflow.event.StrictJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * One rrweb event per record, in a wrapper that says whose it is: {@code {"session_id": "...",
 * "event": {type, data, timestamp}}}, with an optional {@code event_id} (else one derived from the
 * session and the event's bytes, so a resent record has the same id and is dropped as a repeat);
 * or, in Kafka, a bare rrweb event whose record key is the session id. Stateless: there is no node
 * tree, so targets carry the node id only ({@code props} has no tag, path or text), and a scroll
 * has no {@code dy}; the Kafka job then maps each record again with its session's node tree ({@link
 * RrwebSession}), and a whole recording in a file is converted with its node tree by {@link
 * RrwebRecording}.
 *
 * <p>Limits: the event's limits, but a record that carries the DOM (a FullSnapshot, or a Mutation)
 * may be up to {@code maxSnapshotBytes} and nest up to {@link #DOM_DEPTH} levels.
 */
final class RrwebDecoder extends NamedFormat {
  /** Deepest nesting of a DOM record: two JSON levels per DOM level. */
  static final int DOM_DEPTH = 1000;

  private static final Map<String, String> FIELDS =
      Map.of("session_id", "session_id", "ts", "event.timestamp", "type", "event.type");

  private final int maxBytes;
  private final StrictJson domJson;

  RrwebDecoder(int maxBytes, int maxSnapshotBytes) {
    super(InputFormat.RRWEB, FIELDS);
    this.maxBytes = maxBytes;
    this.domJson = new StrictJson(Math.max(maxBytes, maxSnapshotBytes), DOM_DEPTH);
  }

  @Override
  public ObjectNode toCanonical(String text, StrictJson json) throws DecodeException {
    return toCanonical(text, json, null);
  }

  @Override
  public ObjectNode toCanonical(String text, StrictJson json, String key) throws DecodeException {
    ObjectNode in = parse(text, json);
    boolean bare = isBare(in);
    if (bare && (key == null || key.isBlank())) {
      throw new DecodeException(
          FailureReason.MISSING_FIELD,
          "session_id",
          "session_id is required: a record is {session_id, event}, or an rrweb event keyed by"
              + " its session id");
    }
    String session =
        bare ? key : Read.required(Read.id(in, "session_id", "session_id"), "session_id");
    JsonNode event = eventOf(in);
    String id = bare ? null : Read.string(in, "event_id", "event_id");
    if (id == null || id.isBlank()) {
      id = "rr-" + digest(session + "\n" + event);
    }
    ObjectNode out = new RrwebEvents().map(event, session, id, "event");
    if (event.isObject() && event.path("data").isObject()) {
      JsonNode nodeId = event.path("data").get("id");
      if (nodeId != null && nodeId.isIntegralNumber()) {
        ObjectNode props =
            out.has("props") ? (ObjectNode) out.get("props") : out.putObject("props");
        props.put("node_id", nodeId.asInt());
      }
    }
    return out;
  }

  /**
   * The record under the event's limits; one over them (size, depth) only when it carries the DOM,
   * under the DOM limits; otherwise the event's error.
   */
  private ObjectNode parse(String text, StrictJson json) throws DecodeException {
    DecodeException over;
    if (text.length() <= maxBytes / 3 || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      try {
        return json.parseObject(text);
      } catch (DecodeException x) {
        if (x.reason() != FailureReason.TOO_DEEP) {
          throw x;
        }
        over = x;
      }
    } else {
      over = new DecodeException(FailureReason.OVERSIZED, "", EventDecoder.oversized(maxBytes));
    }
    ObjectNode in = domJson.parseObject(text);
    JsonNode event = isBare(in) ? in : in.get("event");
    if (carriesDom(event)) {
      return in;
    }
    throw over;
  }

  /** Whether {@code e} is a FullSnapshot or a Mutation. */
  private static boolean carriesDom(JsonNode e) {
    if (e == null || !e.isObject()) {
      return false;
    }
    int type = e.path("type").asInt(-1);
    return type == 2 || (type == 3 && e.path("data").path("source").asInt(-1) == 0);
  }

  /** A bare rrweb event rather than the wrapper. */
  static boolean isBare(ObjectNode in) {
    return !in.has("event") && in.has("type") && in.has("timestamp");
  }

  /** The rrweb event of a record: the record itself when bare, else its {@code event}. */
  static JsonNode eventOf(ObjectNode in) throws DecodeException {
    JsonNode event = isBare(in) ? in : Read.value(in, "event");
    if (event == null) {
      throw Read.missing("event");
    }
    return event;
  }

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
