package io.frictionflow.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON record of a signal that could not be delivered, for the undelivered output. */
public final class UndeliveredJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private UndeliveredJson() {}

  public static String toJson(DeliveryResult r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("destination", r.destination());
    o.put("url", r.url());
    o.put("signal_id", r.signalId());
    o.put("pattern_id", r.patternId());
    o.put("session_id", r.sessionId());
    o.put("attempts", r.attempts());
    o.put("last_status", r.lastStatus());
    o.put("error", r.error());
    try {
      o.set("signal", MAPPER.readTree(r.payload()));
    } catch (Exception e) {
      o.put("signal", r.payload());
    }
    return o.toString();
  }
}
