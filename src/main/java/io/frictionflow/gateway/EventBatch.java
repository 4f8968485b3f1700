package io.frictionflow.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POST /v1/events} body, {@code {"session_id":"...","events":[...]}}, checked and made
 * ready for the events topic: each event gets the body's {@code session_id} and the gateway's
 * {@code received_at} (epoch ms), overwriting whatever the browser sent. The fields of each event
 * are otherwise left to the job, which routes a bad event to events-failed with the reason.
 *
 * @param sessionId the session every event belongs to
 * @param lines the events as JSON lines, in the order sent
 */
public record EventBatch(String sessionId, List<String> lines) {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** The body is not a batch; the message names the field. */
  public static final class BadBatchException extends Exception {
    BadBatchException(String message) {
      super(message);
    }
  }

  /** Parses {@code body}, stamping {@code receivedAt} on each event. */
  public static EventBatch parse(byte[] body, long receivedAt) throws BadBatchException {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadBatchException("body is not JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new BadBatchException("body is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadBatchException("body is not a JSON object");
    }
    JsonNode sid = root.get("session_id");
    if (sid == null || !sid.isTextual() || sid.asText().isBlank()) {
      throw new BadBatchException("session_id: required, a string");
    }
    JsonNode events = root.get("events");
    if (events == null || !events.isArray()) {
      throw new BadBatchException("events: required, an array");
    }
    if (events.isEmpty()) {
      throw new BadBatchException("events: empty");
    }
    List<String> lines = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      if (!e.isObject()) {
        throw new BadBatchException("events[" + i + "]: not a JSON object");
      }
      JsonNode id = e.get("event_id");
      if (id == null || !id.isTextual() || id.asText().isBlank()) {
        throw new BadBatchException("events[" + i + "].event_id: required, a string");
      }
      ObjectNode o = (ObjectNode) e;
      o.put("session_id", sid.asText());
      o.put("received_at", receivedAt);
      lines.add(o.toString());
    }
    return new EventBatch(sid.asText(), List.copyOf(lines));
  }
}
