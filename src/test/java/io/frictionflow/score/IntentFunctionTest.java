package io.frictionflow.score;

import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.event.Event;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class IntentFunctionTest {
  /** Intent grows with clicks: one click ≈ 0.27, three ≈ 0.73, five ≈ 0.95. */
  static final IntentModel CLICKY =
      new IntentModel(
          List.of(new FeatureSpec("clicks", true, false, 0.0, 1.0, List.of())),
          new double[] {1.0},
          -2.0,
          0.7,
          Map.of());

  private static KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> harness()
      throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(
                new IntentFunction(CLICKY, 0.7, 0.2, Duration.ofMinutes(30))),
            Event::sessionId,
            Signal::sessionId,
            Types.STRING);
    h.setup();
    return h;
  }

  private static void click(
      KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> h, String id, long at)
      throws Exception {
    Event e = event("click").id(id).atMillis(at).event();
    h.processElement1(new StreamRecord<>(e, e.time()));
  }

  private static Signal rage(long at) {
    return new Signal(
        "sig-" + at, "match", "rage-click", 1, "s1", "high", 0, at, at, List.of("x"), null, 0);
  }

  private static List<Signal> out(
      KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> h) {
    return h.extractOutputValues();
  }

  @Test
  void firesOncePerCrossingPutsTheScoreOnSignalsAndSurvivesSnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      click(h, "c1", 0);
      click(h, "c2", 1000);
      h.processElement2(new StreamRecord<>(rage(1500), 1500));
      click(h, "c3", 2000);
      click(h, "c4", 3000);
      List<Signal> got = out(h);
      assertThat(got).extracting(Signal::patternId).containsExactly("rage-click", "intent");
      assertThat(got.get(0).intentScore())
          .isCloseTo(1 / (1 + Math.exp(0.0)), org.assertj.core.api.Assertions.within(1e-9));
      assertThat(got.get(1).kind()).isEqualTo("intent");
      assertThat(got.get(1).eventIds()).containsExactly("c3");
      assertThat(got.get(1).intentScore()).isGreaterThanOrEqualTo(0.7);
      assertThat(h.numKeyedStateEntries()).isEqualTo(2);
      snapshot = h.snapshot(1, 3000);
    }
    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      // Still above the threshold after the restore: no second intent signal.
      click(restored, "c5", 4000);
      assertThat(out(restored)).isEmpty();
      restored.processElement2(new StreamRecord<>(rage(4500), 4500));
      assertThat(out(restored))
          .singleElement()
          .satisfies(s -> assertThat(s.intentScore()).isGreaterThan(0.9));
      // The session goes idle past the timeout: its state is gone.
      restored.processWatermark1(
          new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE - 1));
      restored.processWatermark2(
          new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE - 1));
      assertThat(restored.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void aSignalOfAnUnknownSessionPassesWithoutScore() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement2(new StreamRecord<>(rage(100), 100));
      assertThat(out(h)).singleElement().satisfies(s -> assertThat(s.intentScore()).isNull());
    }
  }
}
