package io.frictionflow.detect;

import static io.frictionflow.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frictionflow.TestEvents;
import io.frictionflow.event.Event;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.sample.SessionGenerator;
import io.frictionflow.signal.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detector's keyed state, on heap and on RocksDB, with the session cache ({@link
 * SessionStateCache}) and without: partial matches survive eviction and snapshot → restore →
 * continue; a state-version bump or a removed pattern loses only that pattern's partial matches and
 * leaves none of its state behind; and a session's end leaves no keyed state at all.
 *
 * <p>A configuration is {@code MODE/backend/cache sessions}: {@code heap/2} runs the cache on the
 * heap backend (as on RocksDB, which the production detector does only there), {@code heap/0} is
 * the production heap detector. RocksDB runs with heap timers here, so that the backend's entry
 * count ({@code numKeyValueStateEntries}, every state including those restored but no longer
 * registered) holds keyed state only; {@code DetectOperatorTest} covers RocksDB timers.
 */
class DetectStateTest {
  private static final OutputTag<Event> LATE = new OutputTag<>("events-late") {};
  private static final long T = T0.toEpochMilli();
  private static final long HOUR = 3_600_000;
  private static final String RAGE = "rage-click";
  private static final String DEAD = "dead-click";

  static Stream<String> configs() {
    return Stream.of(
        "EAGER/heap/0",
        "EAGER/heap/2",
        "EAGER/rocksdb/0",
        "EAGER/rocksdb/2",
        "STRICT/heap/0",
        "STRICT/heap/2",
        "STRICT/rocksdb/0",
        "STRICT/rocksdb/2");
  }

  private static List<PatternSpec> all() {
    return PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of());
  }

  private static PatternSpec spec(String id) {
    return all().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  /** {@code p} with its state version bumped: a breaking edit. */
  private static PatternSpec bumped(PatternSpec p) {
    return new PatternSpec(
        p.id(),
        p.version() + 1,
        p.stateVersion() + 1,
        p.description(),
        p.severity(),
        p.tags(),
        p.on(),
        p.stages(),
        p.window(),
        p.skip(),
        p.fire(),
        p.emitTimeouts(),
        p.profile(),
        p.params());
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> harness(
      String config, List<PatternSpec> specs) throws Exception {
    String[] c = config.split("/");
    int cache = Integer.parseInt(c[2]);
    DetectOperator op =
        new DetectOperator(
            specs.stream().map(HostedPattern::of).toList(),
            DetectMode.valueOf(c[0]),
            Duration.ofMinutes(30),
            LATE,
            cache);
    op.cacheOnHeap = cache > 0;
    var h = new KeyedOneInputStreamOperatorTestHarness<>(op, Event::sessionId, Types.STRING);
    if (c[1].equals("rocksdb")) {
      EmbeddedRocksDBStateBackend rocksdb = new EmbeddedRocksDBStateBackend();
      rocksdb.setPriorityQueueStateType(EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
      h.setStateBackend(rocksdb);
    }
    h.setup();
    return h;
  }

  private static DetectOperator operator(
      KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h) {
    return (DetectOperator) h.getOperator();
  }

  private static void send(KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h, Event e)
      throws Exception {
    h.processElement(new StreamRecord<>(e, e.time()));
  }

  /** A click on a button, {@code at} ms after T0: rage-click and dead-click both take it. */
  private static Event click(String session, String id, long at) {
    return TestEvents.click("#pay").session(session).id(id).xy(100, 200).atMillis(at).event();
  }

  /** The signals so far, as {@code pattern:session:event ids}, sorted. */
  private static List<String> signals(
      KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h) {
    return h.extractOutputValues().stream()
        .map(s -> s.patternId() + ":" + s.sessionId() + ":" + String.join(",", s.eventIds()))
        .sorted()
        .toList();
  }

  /**
   * Every keyed state entry in the backend, of every state it holds, registered by this operator or
   * only restored (a pattern no longer hosted), after the session cache has written back.
   */
  private static long stateEntries(KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h)
      throws Exception {
    DetectOperator d = operator(h);
    d.flushStateCache();
    if (d.getKeyedStateBackend() instanceof RocksDBKeyedStateBackend<?> r) {
      return r.numKeyValueStateEntries();
    }
    return h.numKeyedStateEntries();
  }

  /**
   * The names of the states {@code session} has in the backend under {@code prefix} (a pattern's
   * state prefix): the plain states, and the entries of the session cache's one state.
   */
  private static List<String> statesOf(
      KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h,
      String session,
      String prefix)
      throws Exception {
    DetectOperator d = operator(h);
    d.flushStateCache();
    KeyedStateBackend<Object> b = d.getKeyedStateBackend();
    TreeSet<String> out = new TreeSet<>();
    for (String n :
        List.of(
            "nfa",
            "sharedBuffer-events",
            "sharedBuffer-entries-with-lockable-edges",
            "sharedBuffer-events-count")) {
      for (String name : List.of(prefix + "/" + n, prefix + "/base/" + n)) {
        try (Stream<Object> keys = b.getKeys(name, VoidNamespace.INSTANCE)) {
          if (keys.anyMatch(session::equals)) {
            out.add(name);
          }
        }
      }
    }
    Object current = b.getCurrentKey();
    try {
      MapState<String, byte[]> cached =
          b.getPartitionedState(
              VoidNamespace.INSTANCE,
              VoidNamespaceSerializer.INSTANCE,
              new MapStateDescriptor<>(
                  SessionStateCache.STATE,
                  StringSerializer.INSTANCE,
                  BytePrimitiveArraySerializer.INSTANCE));
      b.setCurrentKey(session);
      for (String name : cached.keys()) {
        if (name.startsWith(prefix + "/")) {
          out.add(name);
        }
      }
    } finally {
      if (current != null) {
        b.setCurrentKey(current);
      }
    }
    return List.copyOf(out);
  }

  /** Snapshot → a new harness with {@code specs} → restore, opened. */
  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> restore(
      String config, List<PatternSpec> specs, OperatorSubtaskState snapshot) throws Exception {
    var h = harness(config, specs);
    h.initializeState(snapshot);
    h.open();
    return h;
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aRageClickWhoseThirdClickComesAfterTheRestoreFiresOnceAndTheEndLeavesNoState(String config)
      throws Exception {
    List<PatternSpec> specs = List.of(spec(RAGE), spec(DEAD));
    OperatorSubtaskState snapshot;
    List<String> before;
    try (var h = harness(config, specs)) {
      h.open();
      send(h, click("s", "c1", 0));
      send(h, click("s", "c2", 300));
      h.processWatermark(T + 299);
      before = signals(h);
      snapshot = h.snapshot(1, 1);
    }
    assertThat(before).isEmpty();
    try (var h = restore(config, specs, snapshot)) {
      send(h, click("s", "c3", 600));
      h.processWatermark(T + 600);
      assertThat(signals(h)).containsExactly("rage-click:s:c1,c2,c3");
      // Each click is dead: no reaction within 2.5 s.
      h.processWatermark(T + 10_000);
      assertThat(signals(h))
          .containsExactly(
              "dead-click:s:c1", "dead-click:s:c2", "dead-click:s:c3", "rage-click:s:c1,c2,c3");
      assertThat(stateEntries(h)).isPositive();
      // The session's end: its last event plus the longest window (rage-click's 1 h burst window).
      h.processWatermark(T + 2 * HOUR);
      assertThat(stateEntries(h)).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aSessionEndedAfterARestoreLeavesNoStateAndARestoreOfAnEndedSessionHasNone(String config)
      throws Exception {
    List<PatternSpec> specs = all();
    OperatorSubtaskState snapshot;
    try (var h = harness(config, specs)) {
      h.open();
      for (int s = 0; s < 5; s++) {
        send(h, click("s" + s, s + "a", 0));
        send(h, TestEvents.event("scroll").session("s" + s).id(s + "b").atMillis(50).event());
      }
      snapshot = h.snapshot(1, 1);
    }
    OperatorSubtaskState ended;
    try (var h = restore(config, specs, snapshot)) {
      for (int s = 0; s < 5; s++) {
        send(h, click("s" + s, s + "c", 400));
      }
      h.processWatermark(T + 2 * HOUR);
      assertThat(stateEntries(h)).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
      ended = h.snapshot(2, 2);
    }
    try (var h = restore(config, specs, ended)) {
      assertThat(stateEntries(h)).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void partialMatchesOfEvictedSessionsSurviveEvictionAndASnapshotTakenWhileEvicted(String config)
      throws Exception {
    // Five sessions with two clicks each; with a cache of two, at most two are on the heap.
    List<PatternSpec> specs = List.of(spec(RAGE), spec(DEAD));
    OperatorSubtaskState snapshot;
    try (var h = harness(config, specs)) {
      h.open();
      for (int s = 0; s < 5; s++) {
        send(h, click("s" + s, s + "-1", 10 * s));
      }
      for (int s = 0; s < 5; s++) {
        send(h, click("s" + s, s + "-2", 300 + 10 * s));
      }
      SessionStateCache cache = operator(h).stateCache();
      if (cache != null) {
        assertThat(cache.size()).isLessThanOrEqualTo(2);
        assertThat(cache.writes()).isPositive();
      }
      // Two sessions complete their burst before the snapshot, three after the restore.
      for (int s = 0; s < 2; s++) {
        send(h, click("s" + s, s + "-3", 600 + 10 * s));
      }
      h.processWatermark(T + 620);
      assertThat(signals(h))
          .containsExactly("rage-click:s0:0-1,0-2,0-3", "rage-click:s1:1-1,1-2,1-3");
      snapshot = h.snapshot(1, 1);
    }
    try (var h = restore(config, specs, snapshot)) {
      for (int s = 2; s < 5; s++) {
        send(h, click("s" + s, s + "-3", 600 + 10 * s));
      }
      h.processWatermark(T + 10_000);
      List<String> expected = new ArrayList<>();
      for (int s = 0; s < 5; s++) {
        for (int i = 1; i <= 3; i++) {
          expected.add("dead-click:s" + s + ":" + s + "-" + i);
        }
      }
      for (int s = 2; s < 5; s++) {
        expected.add("rage-click:s" + s + ":" + s + "-1," + s + "-2," + s + "-3");
      }
      expected.sort(Comparator.naturalOrder());
      assertThat(signals(h)).isEqualTo(expected);
      SessionStateCache cache = operator(h).stateCache();
      if (cache != null) {
        assertThat(cache.loads()).isGreaterThan(3);
      }
      h.processWatermark(T + 2 * HOUR);
      assertThat(stateEntries(h)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aCacheOfTwoSessionsGivesTheSignalsOfNoCacheOnGeneratedSessions(String config)
      throws Exception {
    String off = config.substring(0, config.lastIndexOf('/')) + "/0";
    assertThat(generated(config)).isNotEmpty().isEqualTo(generated(off));
  }

  /** Every catalog pattern on 12 generated sessions with every friction, in event-time order. */
  private static List<String> generated(String config) throws Exception {
    var decoder = new io.frictionflow.event.EventDecoder(1 << 16);
    List<Event> events = new ArrayList<>();
    for (var node :
        SessionGenerator.interleave(new SessionGenerator(7, T).sessions(12, 1.0, 120_000))) {
      events.add(decoder.decode(node, 0L));
    }
    long last = events.stream().mapToLong(Event::time).max().orElseThrow();
    try (var h = harness(config, all())) {
      h.open();
      long watermark = Long.MIN_VALUE;
      for (Event e : events) {
        send(h, e);
        if (e.time() - 2000 > watermark) {
          watermark = e.time() - 2000;
          h.processWatermark(watermark);
        }
      }
      h.processWatermark(last + 2 * HOUR);
      assertThat(stateEntries(h)).isZero();
      return signals(h);
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aStateVersionBumpLosesOnlyThatPatternsPartialMatchesAndClearsItsOldState(String config)
      throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(config, List.of(spec(RAGE), spec(DEAD)))) {
      h.open();
      send(h, click("s", "c1", 0));
      send(h, click("s", "c2", 300));
      send(h, click("t", "d1", 0));
      send(h, click("t", "d2", 300));
      h.processWatermark(T + 300); // strict mode: fed
      snapshot = h.snapshot(1, 1);
    }
    PatternSpec rageV2 = bumped(spec(RAGE));
    try (var h = restore(config, List.of(rageV2, spec(DEAD)), snapshot)) {
      // Before any event of s: the old version's state is still there (restored, unread).
      assertThat(statesOf(h, "s", "cep-rage-click-v1")).isNotEmpty();
      send(h, click("s", "c3", 600));
      // Touched: the old version's state of s is gone, t's waits for t to be touched.
      assertThat(statesOf(h, "s", "cep-rage-click-v1")).isEmpty();
      assertThat(statesOf(h, "t", "cep-rage-click-v1")).isNotEmpty();
      h.processWatermark(T + 600); // strict mode: fed
      assertThat(statesOf(h, "s", rageV2.uid())).isNotEmpty(); // c3 began a burst of its own
      send(h, click("s", "c4", 700));
      send(h, click("s", "c5", 800));
      h.processWatermark(T + 10_000);
      // No burst across the restore (c1 and c2 are lost to rage-click v2), one after it; every
      // click of the other pattern is still found.
      assertThat(signals(h))
          .containsExactly(
              "dead-click:s:c1",
              "dead-click:s:c2",
              "dead-click:s:c3",
              "dead-click:s:c4",
              "dead-click:s:c5",
              "dead-click:t:d1",
              "dead-click:t:d2",
              "rage-click:s:c3,c4,c5");
      // t was touched by its timers only: its old rage-click state is gone too.
      assertThat(statesOf(h, "t", "cep-rage-click-v1")).isEmpty();
      h.processWatermark(T + 2 * HOUR);
      assertThat(stateEntries(h)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aBumpMidFlightClearsTheOldVersionsBaseCopyToo(String config) throws Exception {
    assumeTrue(config.startsWith("EAGER"), "base copies are eager mode's");
    OperatorSubtaskState snapshot;
    try (var h = harness(config, List.of(spec(RAGE), spec(DEAD)))) {
      h.open();
      send(h, click("s", "c1", 0));
      h.processWatermark(T + 500); // the first flight lands
      send(
          h, click("s", "c2", 600)); // a new flight: rage-click has partial matches, so a base copy
      assertThat(statesOf(h, "s", "cep-rage-click-v1")).contains("cep-rage-click-v1/base/nfa");
      snapshot = h.snapshot(1, 1);
    }
    try (var h = restore(config, List.of(bumped(spec(RAGE)), spec(DEAD)), snapshot)) {
      send(h, click("s", "c3", 900));
      assertThat(statesOf(h, "s", "cep-rage-click-v1")).isEmpty();
      h.processWatermark(T + 10_000);
      assertThat(signals(h))
          .containsExactly("dead-click:s:c1", "dead-click:s:c2", "dead-click:s:c3");
      h.processWatermark(T + 2 * HOUR);
      assertThat(stateEntries(h)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aRemovedPatternsStateIsDroppedAndTheOthersPartialMatchesSurvive(String config)
      throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(config, List.of(spec(RAGE), spec(DEAD)))) {
      h.open();
      send(h, click("s", "c1", 0));
      send(h, click("s", "c2", 300));
      h.processWatermark(T + 300); // strict mode: fed
      snapshot = h.snapshot(1, 1);
    }
    try (var h = restore(config, List.of(spec(RAGE)), snapshot)) {
      assertThat(statesOf(h, "s", "cep-dead-click-v1")).isNotEmpty();
      send(h, click("s", "c3", 600));
      assertThat(statesOf(h, "s", "cep-dead-click-v1")).isEmpty();
      h.processWatermark(T + 10_000);
      assertThat(signals(h)).containsExactly("rage-click:s:c1,c2,c3");
      h.processWatermark(T + 2 * HOUR);
      assertThat(stateEntries(h)).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("layoutChanges")
  void aRestoreAcrossTheCacheAndTheBackendKeepsEveryPartialMatchAndLeavesNothingBehind(
      String from, String to) throws Exception {
    List<PatternSpec> specs = List.of(spec(RAGE), spec(DEAD));
    OperatorSubtaskState snapshot;
    try (var h = harness(from, specs)) {
      h.open();
      for (int s = 0; s < 3; s++) {
        send(h, click("s" + s, s + "-1", 10 * s));
        send(h, click("s" + s, s + "-2", 300 + 10 * s));
      }
      h.processWatermark(T + 299); // strict mode: the second clicks wait in the buffer
      // A canonical savepoint: what a change of state backend restores from.
      snapshot =
          h.snapshotWithLocalState(
                  1,
                  1,
                  org.apache.flink.runtime.checkpoint.SavepointType.savepoint(
                      org.apache.flink.core.execution.SavepointFormatType.CANONICAL))
              .getJobManagerOwnedState();
    }
    try (var h = restore(to, specs, snapshot)) {
      for (int s = 0; s < 3; s++) {
        send(h, click("s" + s, s + "-3", 600 + 10 * s));
      }
      h.processWatermark(T + 10_000);
      List<String> expected = new ArrayList<>();
      for (int s = 0; s < 3; s++) {
        for (int i = 1; i <= 3; i++) {
          expected.add("dead-click:s" + s + ":" + s + "-" + i);
        }
        expected.add("rage-click:s" + s + ":" + s + "-1," + s + "-2," + s + "-3");
      }
      expected.sort(Comparator.naturalOrder());
      assertThat(signals(h)).isEqualTo(expected);
      h.processWatermark(T + 2 * HOUR);
      assertThat(stateEntries(h)).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> layoutChanges() {
    List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
    for (String mode : List.of("EAGER", "STRICT")) {
      for (String[] c :
          new String[][] {
            {"rocksdb/2", "rocksdb/0"},
            {"rocksdb/0", "rocksdb/2"},
            {"heap/2", "heap/0"},
            {"heap/0", "heap/2"},
            {"heap/0", "rocksdb/2"},
            {"rocksdb/2", "heap/0"}
          }) {
        out.add(
            org.junit.jupiter.params.provider.Arguments.of(mode + "/" + c[0], mode + "/" + c[1]));
      }
    }
    return out.stream();
  }
}
