package io.frictionflow.score;

import io.frictionflow.event.DecodeException;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds labelled training rows from raw events with the job's own {@link FeatureExtractor}. A
 * session is labelled 1 when the label event occurs in it, and its features use only the events
 * strictly before the first label event, so nothing the label reveals leaks into the features.
 */
public final class EventTraining {
  /** Rows (feature name to value) and their 0/1 labels, one per session. */
  public record Rows(List<Map<String, ?>> rows, int[] labels, int skippedLines) {}

  private EventTraining() {}

  public static Rows fromLines(List<String> lines, String labelEvent) {
    EventDecoder decoder = new EventDecoder(1 << 16);
    Map<String, List<Event>> bySession = new LinkedHashMap<>();
    int skipped = 0;
    for (String line : lines) {
      try {
        Event e = decoder.decode(line, 0L);
        bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e);
      } catch (DecodeException e) {
        skipped++;
      }
    }
    List<Map<String, ?>> rows = new ArrayList<>();
    int[] labels = new int[bySession.size()];
    int i = 0;
    for (List<Event> events : bySession.values()) {
      events.sort(Comparator.comparingLong(Event::time));
      SessionFeatures s = new SessionFeatures();
      int label = 0;
      for (Event e : events) {
        if (e.type().equals(labelEvent)) {
          label = 1;
          break;
        }
        FeatureExtractor.update(s, e);
      }
      rows.add(FeatureExtractor.values(s));
      labels[i++] = label;
    }
    return new Rows(rows, labels, skipped);
  }
}
