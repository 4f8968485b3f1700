package io.frictionflow.event.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings.InputFormat;
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
 * has no {@code dy}; a whole recording in a file is converted with its node tree by {@link
 * RrwebRecording} instead.
 */
final class RrwebDecoder extends NamedFormat {
  private static final Map<String, String> FIELDS =
      Map.of("session_id", "session_id", "ts", "event.timestamp", "type", "event.type");

  RrwebDecoder() {
    super(InputFormat.RRWEB, FIELDS);
  }

  @Override
  public ObjectNode toCanonical(String text, StrictJson json) throws DecodeException {
    return toCanonical(text, json, null);
  }

  @Override
  public ObjectNode toCanonical(String text, StrictJson json, String key) throws DecodeException {
    ObjectNode in = json.parseObject(text);
    boolean bare = !in.has("event") && in.has("type") && in.has("timestamp");
    if (bare && (key == null || key.isBlank())) {
      throw new DecodeException(
          FailureReason.MISSING_FIELD,
          "session_id",
          "session_id is required: a record is {session_id, event}, or an rrweb event keyed by"
              + " its session id");
    }
    String session =
        bare ? key : Read.required(Read.id(in, "session_id", "session_id"), "session_id");
    JsonNode event = bare ? in : Read.value(in, "event");
    if (event == null) {
      throw Read.missing("event");
    }
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

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
