package io.frictionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.sample.SessionStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArrivalOrderTest {
  private static final double RATE = 2000;

  private static List<String> workload() {
    SessionStream s = new SessionStream(7, Workload.START, 300, 0.25, 60_000);
    List<String> lines = new ArrayList<>();
    while (s.hasNext()) {
      lines.add(s.next().json());
    }
    return lines;
  }

  private static List<ArrivalOrder.Arrival> arrivals(List<String> lines, Disorder d) {
    ArrivalOrder order = new ArrivalOrder(lines.iterator(), d, RATE);
    List<ArrivalOrder.Arrival> out = new ArrayList<>();
    int maxHeld = 0;
    while (order.hasNext()) {
      out.add(order.next());
      maxHeld = Math.max(maxHeld, order.held());
    }
    // Only the delayed lines wait: far fewer than the workload.
    assertThat(maxHeld).isLessThan(lines.size() / 4);
    return out;
  }

  private static long number(String eventId) {
    return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
  }

  private static String session(String eventId) {
    return eventId.substring(0, eventId.lastIndexOf('-'));
  }

  @Test
  void withoutDisorderTheLinesComeAsTheyAreOnce() {
    List<String> lines = workload();
    List<ArrivalOrder.Arrival> got = arrivals(lines, Disorder.of("none", 7));
    assertThat(got).extracting(ArrivalOrder.Arrival::line).isEqualTo(lines);
    assertThat(got).allMatch(a -> a.delayMillis() == 0);
  }

  @Test
  void everyLineArrivesOnceAndEveryRetriedLineOnceMore() throws Exception {
    List<String> lines = workload();
    Disorder d = Disorder.of("realistic", 7);
    List<ArrivalOrder.Arrival> got = arrivals(lines, d);
    long copies = lines.stream().filter(l -> d.retryMillis(Disorder.eventId(l)) >= 0).count();
    assertThat(copies).isPositive();
    assertThat(got).hasSize((int) (lines.size() + copies));
    Map<String, Integer> times = new HashMap<>();
    got.forEach(a -> times.merge(a.line(), 1, Integer::sum));
    for (String l : lines) {
      assertThat(times.get(l)).isEqualTo(d.retryMillis(Disorder.eventId(l)) >= 0 ? 2 : 1);
    }
    // The workload file agrees on the count of copies.
    var file = java.nio.file.Files.createTempFile("arrival", ".jsonl");
    try {
      Workload w = Workload.write(file, 7, 300, 0.25, 60_000, d);
      assertThat(w.retriedCopies()).isEqualTo(copies);
      assertThat(w.events()).isEqualTo(lines.size());
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void twoTabsInterleaveAndRetriesArriveAfterNewerEventsOfTheirSession() {
    List<String> lines = workload();
    Disorder d = Disorder.of("realistic", 7);
    Map<String, Long> newest = new HashMap<>();
    Set<String> seen = new HashSet<>();
    int olderAfterNewer = 0;
    int copiesAfterNewer = 0;
    for (ArrivalOrder.Arrival a : arrivals(lines, d)) {
      String id = Disorder.eventId(a.line());
      String session = session(id);
      long n = number(id);
      long before = newest.getOrDefault(session, 0L);
      boolean copy = !seen.add(id);
      if (copy) {
        assertThat(a.delayMillis()).isEqualTo(d.retryMillis(id));
        copiesAfterNewer += before > n ? 1 : 0;
      } else {
        assertThat(a.delayMillis()).isEqualTo(d.delayMillis(id));
        olderAfterNewer += before > n ? 1 : 0;
      }
      newest.put(session, Math.max(before, n));
    }
    // A second tab's batch comes after newer events of the first tab.
    assertThat(olderAfterNewer).isPositive();
    assertThat(copiesAfterNewer).isPositive();
  }
}
