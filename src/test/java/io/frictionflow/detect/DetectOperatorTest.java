package io.frictionflow.detect;

import static io.frictionflow.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.TestEvents;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.sample.SessionGenerator;
import io.frictionflow.signal.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one detector for all patterns, in both modes, on heap and RocksDB state. */
class DetectOperatorTest {
  private static final OutputTag<Event> LATE = new OutputTag<>("events-late") {};
  private static final long MIN = 60_000;
  private static final long T = T0.toEpochMilli();

  private static List<PatternSpec> all() {
    return PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of());
  }

  static PatternSpec catalog(String id) {
    return all().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> harness(
      DetectMode mode, boolean rocksdb, List<PatternSpec> specs) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new DetectOperator(
                specs.stream().map(HostedPattern::of).toList(), mode, Duration.ofMinutes(30), LATE),
            Event::sessionId,
            Types.STRING);
    if (rocksdb) {
      h.setStateBackend(new EmbeddedRocksDBStateBackend());
    }
    h.setup();
    return h;
  }

  private static void send(KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h, Event e)
      throws Exception {
    h.processElement(new StreamRecord<>(e, e.time()));
  }

  private static Event click(String id, long at) {
    return TestEvents.click("#pay").id(id).xy(100, 200).atMillis(at).event();
  }

  private static List<List<String>> signals(
      KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h) {
    return h.extractOutputValues().stream().map(Signal::eventIds).toList();
  }

  private static List<String> late(
      KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h) {
    var out = h.getSideOutput(LATE);
    return out == null ? List.of() : out.stream().map(r -> r.getValue().eventId()).toList();
  }

  @Test
  void eagerModeFiresARageClickAtItsThirdClickWithoutAWatermark() throws Exception {
    try (var h = harness(DetectMode.EAGER, false, List.of(catalog("rage-click")))) {
      h.open();
      send(h, click("c1", 0));
      send(h, click("c2", 300));
      assertThat(signals(h)).isEmpty();
      send(h, click("c3", 600));
      assertThat(signals(h)).containsExactly(List.of("c1", "c2", "c3"));
    }
  }

  @Test
  void strictModeWaitsForTheWatermarkToPassTheLastClick() throws Exception {
    try (var h = harness(DetectMode.STRICT, false, List.of(catalog("rage-click")))) {
      h.open();
      send(h, click("c1", 0));
      send(h, click("c2", 300));
      send(h, click("c3", 600));
      assertThat(signals(h)).isEmpty();
      h.processWatermark(T + 599);
      assertThat(signals(h)).isEmpty();
      h.processWatermark(T + 600);
      assertThat(signals(h)).containsExactly(List.of("c1", "c2", "c3"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"EAGER", "STRICT"})
  void anAbsenceFiresWhenTheWatermarkClosesItsWindow(String mode) throws Exception {
    try (var h = harness(DetectMode.valueOf(mode), false, List.of(catalog("cart-abandonment")))) {
      h.open();
      send(h, TestEvents.event("add_to_cart").id("a").atMillis(0).event());
      h.processWatermark(T + 10 * MIN - 1);
      assertThat(signals(h)).isEmpty();
      h.processWatermark(T + 10 * MIN);
      assertThat(signals(h)).containsExactly(List.of("a"));
    }
  }

  @Test
  void eagerModeRollsTheSessionBackForAnEventOutOfOrderAndFeedsItInItsPlace() throws Exception {
    try (var h = harness(DetectMode.EAGER, false, List.of(catalog("rage-click")))) {
      h.open();
      send(h, click("c1", 0));
      send(h, click("c3", 600));
      assertThat(signals(h)).isEmpty();
      send(h, click("c2", 300));
      assertThat(late(h)).isEmpty();
      assertThat(signals(h)).containsExactly(List.of("c1", "c2", "c3"));
      // Another session is not held back by it.
      send(h, TestEvents.click("#x").session("s2").id("d1").xy(1, 1).atMillis(100).event());
      assertThat(late(h)).isEmpty();
    }
  }

  @Test
  void aRollBackEmitsNoSignalTwiceAndTheFlightLandsWithTheWatermark() throws Exception {
    try (var h = harness(DetectMode.EAGER, false, List.of(catalog("rage-click")))) {
      h.open();
      send(h, click("c1", 0));
      send(h, click("c2", 300));
      send(h, click("c3", 600));
      assertThat(signals(h)).containsExactly(List.of("c1", "c2", "c3"));
      // A click far away before them, out of order: the replay finds (c1, c2, c3) again and
      // emits it once.
      send(h, TestEvents.click("#y").id("f").xy(900, 900).atMillis(-100).event());
      assertThat(signals(h)).containsExactly(List.of("c1", "c2", "c3"));
      assertThat(keysIn(h, DetectOperator.FLIGHT_STATE)).isOne();
      h.processWatermark(T + 600);
      // Landed: base copies and the flight buffer are gone, only the live state is left.
      assertThat(keysIn(h, DetectOperator.FLIGHT_STATE)).isZero();
      assertThat(keysIn(h, "cep-rage-click-v1/base/nfa")).isZero();
      assertThat(keysIn(h, "cep-rage-click-v1/nfa")).isOne();
      send(h, click("c4", 700));
      assertThat(signals(h)).hasSize(2);
    }
  }

  @Test
  void aSignalEmittedEagerlyIsNotRetractedWhenAnEventOutOfOrderUndoesItsMatch() throws Exception {
    try (var h = harness(DetectMode.EAGER, false, List.of(catalog("rage-click")))) {
      h.open();
      send(h, click("c1", 0));
      send(h, click("c2", 300));
      send(h, click("c3", 600));
      // A far click between c2 and c3: in event-time order the burst is broken (strict mode
      // fires nothing), but the signal has left.
      send(h, TestEvents.click("#y").id("f").xy(900, 900).atMillis(450).event());
      assertThat(signals(h)).containsExactly(List.of("c1", "c2", "c3"));
      assertThat(late(h)).isEmpty();
    }
  }

  @Test
  void anEventOlderThanAFullFlightGoesToTheLateOutput() throws Exception {
    try (var h = harness(DetectMode.EAGER, false, List.of(catalog("rage-click")))) {
      h.open();
      for (int i = 0; i <= DetectOperator.MAX_FLIGHT; i++) {
        // Far apart in space: no burst.
        send(h, TestEvents.click("#z").id("z" + i).xy(i * 100, 0).atMillis(10 + i).event());
      }
      send(h, click("old", 5));
      assertThat(late(h)).containsExactly("old");
    }
  }

  @Test
  void strictModeReordersWithinTheBound() throws Exception {
    try (var h = harness(DetectMode.STRICT, false, List.of(catalog("rage-click")))) {
      h.open();
      send(h, click("c1", 0));
      send(h, click("c3", 600));
      send(h, click("c2", 300));
      h.processWatermark(T + 600);
      assertThat(late(h)).isEmpty();
      assertThat(signals(h)).containsExactly(List.of("c1", "c2", "c3"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"EAGER", "STRICT"})
  void anEventAtOrBehindTheWatermarkGoesToTheLateOutput(String mode) throws Exception {
    try (var h = harness(DetectMode.valueOf(mode), false, List.of(catalog("rage-click")))) {
      h.open();
      h.processWatermark(T + 500);
      send(h, click("c0", 500));
      send(h, click("c1", 501));
      assertThat(late(h)).containsExactly("c0");
      assertThat(h.numKeyedStateEntries()).isPositive();
    }
  }

  @Test
  void anEventNoPatternListensToTouchesNoState() throws Exception {
    try (var h = harness(DetectMode.EAGER, false, List.of(catalog("rage-click")))) {
      h.open();
      send(h, TestEvents.event("scroll").atMillis(0).event());
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  /**
   * Generated sessions with every friction scenario, decoded, in event-time order except that every
   * fifth pair of neighbours under a second apart is swapped (out of order within the bound).
   */
  private static List<Event> shuffled(int count) throws Exception {
    List<Event> events = new ArrayList<>(sessions(count));
    for (int i = 1; i < events.size(); i += 5) {
      if (events.get(i).time() - events.get(i - 1).time() < 1000) {
        java.util.Collections.swap(events, i - 1, i);
      }
    }
    return events;
  }

  /** Generated sessions with every friction scenario, decoded, in event-time order. */
  private static List<Event> sessions(int count) throws Exception {
    EventDecoder decoder = new EventDecoder(1 << 16);
    List<Event> out = new ArrayList<>();
    var generated = new SessionGenerator(7, T).sessions(count, 1.0, 2 * MIN);
    for (var node : SessionGenerator.interleave(generated)) {
      out.add(decoder.decode(node, 0L));
    }
    return out;
  }

  private static long keysIn(
      KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h, String state) {
    DetectOperator d = (DetectOperator) h.getOperator();
    return d.getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE).count();
  }

  /**
   * (state, session) pairs with a value in the detector's keyed state, heap or RocksDB: the element
   * buffer, the session progress and every pattern's NFA state and shared buffer. Timers are
   * counted apart ({@code numEventTimeTimers}); RocksDB keeps their deletions in a write batch.
   */
  private static long stateEntries(KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h)
      throws Exception {
    if (!(h.getOperator() instanceof DetectOperator d
        && d.getKeyedStateBackend() instanceof RocksDBKeyedStateBackend<?> r)) {
      return h.numKeyedStateEntries();
    }
    // What the backend holds once the session cache has written back.
    d.flushStateCache();
    List<String> names = new ArrayList<>();
    names.add(SessionStateCache.STATE);
    names.add(DetectOperator.PROGRESS_STATE);
    names.add(DetectOperator.BUFFER_STATE);
    names.add(DetectOperator.FLIGHT_STATE);
    for (PatternSpec spec : all()) {
      for (String n :
          List.of(
              "nfa",
              "sharedBuffer-events",
              "sharedBuffer-entries-with-lockable-edges",
              "sharedBuffer-events-count")) {
        names.add(spec.uid() + "/" + n);
        names.add(spec.uid() + "/base/" + n);
      }
    }
    long count = 0;
    for (String n : names) {
      count += r.getKeys(n, VoidNamespace.INSTANCE).count();
    }
    return count;
  }

  @ParameterizedTest
  @ValueSource(strings = {"EAGER/heap", "EAGER/rocksdb", "STRICT/heap", "STRICT/rocksdb"})
  void everyStateOfAllPatternsIsClearedAtTheSessionEndAlsoAfterARestore(String config)
      throws Exception {
    DetectMode mode = DetectMode.valueOf(config.split("/")[0]);
    boolean rocksdb = config.endsWith("rocksdb");
    List<Event> events = shuffled(12);
    int half = events.size() / 2;
    long last = events.stream().mapToLong(Event::time).max().orElseThrow();
    List<List<String>> before;
    OperatorSubtaskState snapshot;
    try (var h = harness(mode, rocksdb, all())) {
      h.open();
      for (Event e : events.subList(0, half)) {
        send(h, e);
      }
      h.processWatermark(
          events.subList(half, events.size()).stream().mapToLong(Event::time).min().orElseThrow()
              - 1);
      before = new ArrayList<>(signals(h));
      snapshot = h.snapshot(1, 1);
      assertThat(stateEntries(h)).isPositive();
    }
    try (var h = harness(mode, rocksdb, all())) {
      h.initializeState(snapshot);
      h.open();
      for (Event e : events.subList(half, events.size())) {
        send(h, e);
      }
      h.processWatermark(last);
      List<List<String>> after = signals(h);
      assertThat(before.size() + after.size()).isPositive();
      assertThat(late(h)).isEmpty();
      // The longest window (rage-click's burst window, 1 h) decides when a session ends.
      assertThat(stateEntries(h)).isPositive();
      h.processWatermark(last + 2 * 60 * MIN);
      assertThat(stateEntries(h)).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void theSameSignalsInBothModesOnInOrderSessions() throws Exception {
    List<Event> events = sessions(20);
    long last = events.stream().mapToLong(Event::time).max().orElseThrow();
    List<List<String>> eager;
    List<List<String>> strict;
    try (var h = harness(DetectMode.EAGER, false, all())) {
      h.open();
      for (Event e : events) {
        send(h, e);
      }
      h.processWatermark(last + 2 * 60 * MIN);
      eager = sortedIds(h);
    }
    try (var h = harness(DetectMode.STRICT, false, all())) {
      h.open();
      for (Event e : events) {
        send(h, e);
        h.processWatermark(e.time() - 1);
      }
      h.processWatermark(last + 2 * 60 * MIN);
      strict = sortedIds(h);
    }
    assertThat(eager).isNotEmpty().isEqualTo(strict);
  }

  private static List<List<String>> sortedIds(
      KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h) {
    List<List<String>> out = new ArrayList<>(signals(h));
    out.sort(java.util.Comparator.comparing(Object::toString));
    return out;
  }
}
