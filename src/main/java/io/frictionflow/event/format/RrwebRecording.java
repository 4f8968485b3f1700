package io.frictionflow.event.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.FailureReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a whole rrweb recording into canonical events, one JSON object each, walking it with a
 * {@link NodeTree} so that interactions get their target's tag, path and text. Accepts what rrweb's
 * exporters and player write, a JSON array of {@code {type, data, timestamp}}; an object with an
 * {@code events} array; and lines of {@code {window_id, node_labels, data: [...]}} (PostHog's
 * snapshot export, one window per line, each with its own node ids).
 *
 * <p>Event ids are the session id and the event's position ({@code s-1-w0-17}), so converting a
 * recording twice gives the same ids.
 */
public final class RrwebRecording {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private RrwebRecording() {}

  /**
   * The recording's canonical events, in recording order.
   *
   * @param text the recording file's content
   * @param sessionId the session all its events belong to
   * @throws DecodeException naming the event ({@code [17].data.x}) and the reason
   */
  public static List<String> toCanonicalLines(String text, String sessionId)
      throws DecodeException {
    List<JsonNode> windows = windows(text);
    List<String> out = new ArrayList<>();
    for (int w = 0; w < windows.size(); w++) {
      JsonNode window = windows.get(w);
      JsonNode events = window.isArray() ? window : window.get("data");
      if (events == null || !events.isArray()) {
        events = window.get("events");
      }
      String prefix = windows.size() > 1 ? "line " + (w + 1) + " " : "";
      if (events == null || !events.isArray()) {
        throw new DecodeException(
            FailureReason.WRONG_TYPE,
            prefix + "data",
            prefix + "a recording is a JSON array of rrweb events (or an object with data)");
      }
      RrwebEvents mapper = new RrwebEvents();
      if (window.isObject() && window.get("node_labels") != null) {
        mapper.tree().labels(window.get("node_labels"));
      }
      String idPrefix = sessionId + (windows.size() > 1 ? "-w" + w : "") + "-";
      for (int i = 0; i < events.size(); i++) {
        ObjectNode e = mapper.map(events.get(i), sessionId, idPrefix + i, prefix + "[" + i + "]");
        out.add(e.toString());
      }
    }
    return out;
  }

  private static List<JsonNode> windows(String text) throws DecodeException {
    String t = text.strip();
    try {
      if (t.startsWith("[")) {
        return List.of(JSON.readTree(t));
      }
      List<JsonNode> lines = new ArrayList<>();
      for (String line : t.split("\n")) {
        if (!line.isBlank()) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new DecodeException(
          FailureReason.NOT_JSON, "", "the recording is not JSON: " + e.getMessage());
    }
  }
}
