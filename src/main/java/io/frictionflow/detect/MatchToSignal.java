package io.frictionflow.detect;

import io.frictionflow.event.Event;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.SignalIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns a FlinkCEP match into a {@link Signal}. Pure. */
public final class MatchToSignal {
  private MatchToSignal() {}

  /**
   * The signal for {@code match}: its events in event-time order, a deterministic id.
   *
   * @param kind {@code match} or {@code timeout}
   * @param nowMillis wall clock at detection
   * @param nowMicros wall clock at detection, in microseconds (for absence patterns, whose deciding
   *     moment is the window closing, not an event)
   */
  public static Signal toSignal(
      PatternSpec spec,
      Map<String, List<Event>> match,
      String kind,
      long nowMillis,
      long nowMicros) {
    List<Event> events = new ArrayList<>();
    for (String stage : spec.stageNames()) {
      List<Event> es = match.get(stage);
      if (es != null) {
        events.addAll(es);
      }
    }
    events.sort(Comparator.comparingLong(Event::time));
    Event first = events.get(0);
    Event last = events.get(events.size() - 1);
    boolean endsAbsent = spec.stages().get(spec.stages().size() - 1).absent();
    List<String> eventIds = events.stream().map(Event::eventId).toList();
    // Every matched event id is part of the id: two matches with the same first and last events
    // but different ones in between are different signals to a receiver that dedupes on the id.
    String id =
        SignalIds.of(
            kind.equals("match") ? spec.id() : spec.id() + "/" + kind,
            spec.version(),
            first.sessionId(),
            eventIds);
    return new Signal(
        id,
        kind,
        spec.id(),
        spec.version(),
        first.sessionId(),
        spec.severity(),
        nowMillis,
        first.time(),
        last.time(),
        eventIds,
        null,
        null,
        endsAbsent || !kind.equals("match") ? nowMicros : last.ingestedAtMicros());
  }
}
