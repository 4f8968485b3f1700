package io.frictionflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionStreamTest {
  private static final long T0 = 1_772_442_000_000L;

  private static List<SessionStream.Generated> drain(SessionStream s) {
    List<SessionStream.Generated> out = new ArrayList<>();
    while (s.hasNext()) {
      out.add(s.next());
    }
    return out;
  }

  private static List<String> sorted(long seed, int count, double friction, long spread) {
    return SessionGenerator.interleave(
            new SessionGenerator(seed, T0).sessions(count, friction, spread))
        .stream()
        .map(Object::toString)
        .toList();
  }

  @Test
  void theSameSeedGivesTheSameEventsInTheSameOrderAsSortingThemAll() {
    for (long seed : new long[] {7, 8}) {
      List<String> streamed =
          drain(new SessionStream(seed, T0, 200, 0.5, 60_000)).stream()
              .map(SessionStream.Generated::json)
              .toList();
      assertThat(streamed).isEqualTo(sorted(seed, 200, 0.5, 60_000));
    }
  }

  @Test
  void sessionsThatStartAtTheSameInstantKeepGenerationOrder() {
    // No spread: every session starts at T0, so the order rests on the ties alone.
    List<String> streamed =
        drain(new SessionStream(3, T0, 30, 0.25, 0)).stream()
            .map(SessionStream.Generated::json)
            .toList();
    assertThat(streamed).isEqualTo(sorted(3, 30, 0.25, 0));
  }

  @Test
  void eventsComeInEventTimeOrderWithTheirSessionAndTime() {
    long previous = Long.MIN_VALUE;
    for (SessionStream.Generated g : drain(new SessionStream(7, T0, 100, 0.25, 120_000))) {
      assertThat(g.ts()).isGreaterThanOrEqualTo(previous);
      assertThat(g.json()).contains("\"session_id\":\"" + g.sessionId() + "\"");
      assertThat(g.json()).contains("\"ts\":" + g.ts() + ",");
      previous = g.ts();
    }
  }

  @Test
  void generatorsAliveNeverExceedTheSessionsOpenAtThatInstant() {
    SessionStream s = new SessionStream(7, T0, 400, 0.25, 20 * 60_000L);
    long[] firsts = s.firstEventTimes();
    long[] lasts = s.lastEventTimes();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      index.put(SessionGenerator.sessionId(i), i);
    }
    int maxOpenSessions = 0;
    while (s.hasNext()) {
      long t = s.next().ts();
      // Sessions open at t: first event at or before it, last event at or after it.
      int openAtT = 0;
      for (int i = 0; i < 400; i++) {
        if (firsts[i] <= t && lasts[i] >= t) {
          openAtT++;
        }
      }
      maxOpenSessions = Math.max(maxOpenSessions, openAtT);
      assertThat(s.open()).isLessThanOrEqualTo(openAtT);
    }
    assertThat(s.maxOpen()).isLessThanOrEqualTo(maxOpenSessions);
    // Spread over 20 minutes, sessions of a few minutes: a small part is open at once.
    assertThat(s.maxOpen()).isBetween(1, 200);
    assertThat(s.open()).isZero();
    assertThat(index).hasSize(400);
  }

  @Test
  void firstAndLastEventTimesBoundEachSession() {
    SessionStream s = new SessionStream(7, T0, 50, 0.25, 60_000);
    long[] firsts = s.firstEventTimes();
    long[] lasts = s.lastEventTimes();
    Map<String, long[]> seen = new HashMap<>();
    for (SessionStream.Generated g : drain(s)) {
      seen.computeIfAbsent(g.sessionId(), k -> new long[] {g.ts(), g.ts()})[1] = g.ts();
    }
    for (int i = 0; i < 50; i++) {
      long[] span = seen.get(SessionGenerator.sessionId(i));
      assertThat(span[0]).isEqualTo(firsts[i]);
      assertThat(span[1]).isEqualTo(lasts[i]);
    }
    assertThat(s.taken()).isEqualTo(sorted(7, 50, 0.25, 60_000).size());
  }
}
