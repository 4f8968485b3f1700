package io.frictionflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.TestEvents;
import io.frictionflow.event.Event;
import io.frictionflow.pattern.PatternUpdate;
import io.frictionflow.signal.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The detector with a live catalog ({@link DetectOperator#live}): edits, state-version bumps,
 * removals, rejections, and restores, on heap and RocksDB state.
 */
class LiveCatalogOperatorTest {
  private static final OutputTag<Event> LATE = new OutputTag<>("events-late") {};

  private static List<HostedPattern> bundled() {
    return List.of(HostedPattern.of(DetectOperatorTest.catalog("rage-click")));
  }

  private static DetectOperator operator() {
    return new DetectOperator(bundled(), DetectMode.EAGER, Duration.ofMinutes(30), LATE);
  }

  private static KeyedTwoInputStreamOperatorTestHarness<String, Event, PatternUpdate, Signal> live(
      boolean rocksdb) throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<String, Event, PatternUpdate, Signal>(
            operator().live(Map.of()), Event::sessionId, null, Types.STRING);
    if (rocksdb) {
      h.setStateBackend(new EmbeddedRocksDBStateBackend());
    }
    h.setup();
    return h;
  }

  private static String rageClick(int clicks, int version, int stateVersion) throws Exception {
    return Files.readString(Path.of("patterns/rage-click.yaml"))
        .replace("clicks: {type: int, default: 3,", "clicks: {type: int, default: " + clicks + ",")
        .replace(
            "\nversion: 1\n", "\nversion: " + version + "\nstate_version: " + stateVersion + "\n");
  }

  /** Rage-click with a wider radius: a compatible edit. */
  private static String wider() throws Exception {
    return rageClick(3, 2, 1)
        .replace(
            "max_distance_px: {type: number, default: 30",
            "max_distance_px: {type: number, default: 60");
  }

  private static void send(
      KeyedTwoInputStreamOperatorTestHarness<String, Event, PatternUpdate, Signal> h,
      String id,
      long at)
      throws Exception {
    Event e = TestEvents.click("#pay").id(id).xy(100, 200).atMillis(at).event();
    h.processElement1(new StreamRecord<>(e, e.time()));
  }

  private static PatternStatus update(
      KeyedTwoInputStreamOperatorTestHarness<String, Event, PatternUpdate, Signal> h,
      PatternUpdate u)
      throws Exception {
    h.processElement2(new StreamRecord<>(u));
    var out = h.getSideOutput(DetectOperator.STATUS);
    PatternStatus last = null;
    for (var r : out) {
      last = r.getValue();
    }
    return last;
  }

  private static List<String> signals(
      KeyedTwoInputStreamOperatorTestHarness<String, Event, PatternUpdate, Signal> h) {
    return h.extractOutputValues().stream()
        .map(s -> s.patternVersion() + ":" + String.join(",", s.eventIds()))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSavepointOfTheOneInputDetectorRestoresIntoTheLiveOne(boolean rocksdb) throws Exception {
    OperatorSubtaskState snapshot;
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(operator(), Event::sessionId, Types.STRING)) {
      if (rocksdb) {
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
      }
      h.setup();
      h.open();
      for (String[] c : new String[][] {{"c1", "0"}, {"c2", "300"}}) {
        Event e =
            TestEvents.click("#pay").id(c[0]).xy(100, 200).atMillis(Long.parseLong(c[1])).event();
        h.processElement(new StreamRecord<>(e, e.time()));
      }
      snapshot = h.snapshot(1, 1);
    }
    try (var h = live(rocksdb)) {
      h.initializeState(snapshot);
      h.open();
      send(h, "c3", 600);
      assertThat(signals(h)).containsExactly("1:c1,c2,c3");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aCompatibleEditKeepsPartialMatches(boolean rocksdb) throws Exception {
    try (var h = live(rocksdb)) {
      h.open();
      send(h, "c1", 0);
      send(h, "c2", 300);
      PatternStatus s = update(h, new PatternUpdate("rage-click", wider()));
      assertThat(s.status()).isEqualTo(PatternStatus.APPLIED);
      assertThat(s.reason()).startsWith("compatible");
      assertThat(s.catalogVersion()).isEqualTo(1);
      send(h, "c3", 600);
      assertThat(signals(h)).containsExactly("2:c1,c2,c3");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aStateVersionBumpDropsOnlyThatPatternsPartialMatchesAndTheAppliedCatalogIsRestored(
      boolean rocksdb) throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = live(rocksdb)) {
      h.open();
      send(h, "c1", 0);
      send(h, "c2", 300);
      PatternStatus s = update(h, new PatternUpdate("rage-click", rageClick(4, 2, 2)));
      assertThat(s.status()).isEqualTo(PatternStatus.APPLIED);
      assertThat(s.reason()).contains("cep-rage-click-v1 are dropped");
      send(h, "c3", 600);
      send(h, "c4", 900);
      send(h, "c5", 1200);
      assertThat(signals(h)).isEmpty(); // c1, c2 were dropped: three clicks so far under v2
      snapshot = h.snapshot(1, 1);
    }
    try (var h = live(rocksdb)) {
      h.initializeState(snapshot);
      h.open();
      send(h, "c6", 1500);
      assertThat(signals(h)).containsExactly("2:c3,c4,c5,c6");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRejectedUpdateLeavesTheRunningVersionAndARemovalStopsThePattern(boolean rocksdb)
      throws Exception {
    try (var h = live(rocksdb)) {
      h.open();
      send(h, "c1", 0);
      PatternStatus broken =
          update(h, new PatternUpdate("rage-click", "id: rage-click\nstages: ["));
      assertThat(broken.status()).isEqualTo(PatternStatus.REJECTED);
      assertThat(broken.catalogVersion()).isZero();
      PatternStatus unbumped = update(h, new PatternUpdate("rage-click", rageClick(4, 2, 1)));
      assertThat(unbumped.status()).isEqualTo(PatternStatus.REJECTED);
      assertThat(unbumped.reason()).contains("bump state_version to 2");
      PatternStatus wrongKey = update(h, new PatternUpdate("other", wider()));
      assertThat(wrongKey.status()).isEqualTo(PatternStatus.REJECTED);
      assertThat(wrongKey.reason()).contains("is not the record key 'other'");
      send(h, "c2", 300);
      send(h, "c3", 600);
      assertThat(signals(h)).containsExactly("1:c1,c2,c3");

      // Removing the only pattern is refused: the job would run none.
      assertThat(update(h, PatternUpdate.removal("rage-click")).status())
          .isEqualTo(PatternStatus.REJECTED);
      PatternStatus added =
          update(
              h,
              new PatternUpdate(
                  "two-clicks",
                  wider()
                      .replace("id: rage-click", "id: two-clicks")
                      .replace("default: 3,", "default: 2,")));
      assertThat(added.status()).isEqualTo(PatternStatus.APPLIED);
      send(h, "c4", 5_000);
      PatternStatus removed = update(h, PatternUpdate.removal("rage-click"));
      assertThat(removed.status()).isEqualTo(PatternStatus.REMOVED);
      assertThat(removed.catalogVersion()).isEqualTo(2);
      send(h, "c5", 5_300);
      send(h, "c6", 5_600);
      assertThat(h.extractOutputValues().stream().map(Signal::patternId))
          .containsExactly("rage-click", "two-clicks", "two-clicks");
    }
  }
}
