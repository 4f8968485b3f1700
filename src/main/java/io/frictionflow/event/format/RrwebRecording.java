package io.frictionflow.event.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.event.FailureReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a whole rrweb recording into canonical events, one JSON object each, walking it with a
 * {@link NodeTree} so that interactions get their target's tag, path and text. Accepts what rrweb's
 * exporters and player write, a JSON array of {@code {type, data, timestamp}}; an object with an
 * {@code events} array; and lines of {@code {window_id, node_labels, data: [...]}} (PostHog's
 * snapshot export, one window per line, each with its own node ids and tree; the windows' events
 * are merged in time order).
 *
 * <p>Event ids are the session id and the event's position ({@code s-1-w0-17}), so converting a
 * recording twice gives the same ids. An event that cannot be mapped is a {@link FailedEvent}
 * naming it ({@code [17].data.x}), without its raw payload; the others are still converted.
 */
public final class RrwebRecording {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /**
   * A converted recording.
   *
   * @param events canonical events, one JSON object each, in recording order
   * @param failed the recording's events that could not be mapped
   */
  public record Conversion(List<String> events, List<FailedEvent> failed) {}

  private RrwebRecording() {}

  /**
   * The recording's canonical events, in recording order, and the events that failed.
   *
   * @param text the recording file's content
   * @param sessionId the session all its events belong to
   * @throws DecodeException when the file as a whole is not a recording
   */
  public static Conversion convert(String text, String sessionId) throws DecodeException {
    List<JsonNode> windows = windows(text);
    List<ObjectNode> out = new ArrayList<>();
    List<FailedEvent> failed = new ArrayList<>();
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
        try {
          ObjectNode e = mapper.map(events.get(i), sessionId, idPrefix + i, prefix + "[" + i + "]");
          out.add(e);
        } catch (DecodeException x) {
          failed.add(
              new FailedEvent(
                  "",
                  x.reason().label(),
                  x.field(),
                  "rrweb: " + x.getMessage(),
                  System.currentTimeMillis()));
        }
      }
    }
    if (windows.size() > 1) {
      // Windows of one session may overlap in time: merged in time order (stable), as they
      // happened, so that no window's events arrive behind another's.
      out.sort(java.util.Comparator.comparingLong(e -> e.get("ts").asLong()));
    }
    return new Conversion(out.stream().map(ObjectNode::toString).toList(), failed);
  }

  /**
   * Whether {@code head} (the start of a file) is a whole recording rather than records in the
   * Kafka wrapper ({@code {session_id, event}} per line): a JSON array, or lines of objects with a
   * {@code data} array and no {@code event}.
   */
  public static boolean isRecording(String head) {
    String t = head.stripLeading();
    if (t.startsWith("[")) {
      return true;
    }
    int nl = t.indexOf('\n');
    String first = nl < 0 ? t : t.substring(0, nl);
    return first.startsWith("{") && first.contains("\"data\"") && !first.contains("\"event\"");
  }

  /** The session id a recording file gives: its name up to the first dot. */
  public static String sessionIdOf(String fileName) {
    String name =
        fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
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
