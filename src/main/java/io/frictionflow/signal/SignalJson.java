package io.frictionflow.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The JSON form of a {@link Signal}, one object per signal, snake_case. */
public final class SignalJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private SignalJson() {}

  /** The signal as a JSON tree. */
  public static ObjectNode toTree(Signal s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("signal_id", s.signalId());
    o.put("kind", s.kind());
    o.put("pattern_id", s.patternId());
    o.put("pattern_version", s.patternVersion());
    o.put("session_id", s.sessionId());
    o.put("severity", s.severity());
    o.put("detected_at", Instant.ofEpochMilli(s.detectedAt()).toString());
    o.put("first_event_time", Instant.ofEpochMilli(s.firstEventTime()).toString());
    o.put("last_event_time", Instant.ofEpochMilli(s.lastEventTime()).toString());
    ArrayNode ids = o.putArray("event_ids");
    s.eventIds().forEach(ids::add);
    if (s.intentScore() == null) {
      o.putNull("intent_score");
    } else {
      o.put("intent_score", Math.round(s.intentScore() * 10_000) / 10_000.0);
    }
    if (s.context() != null) {
      try {
        o.set("context", MAPPER.readTree(s.context()));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("signal context is not JSON", e);
      }
    }
    return o;
  }

  /** The signal as one line of JSON. */
  public static String toJson(Signal s) {
    return toTree(s).toString();
  }
}
