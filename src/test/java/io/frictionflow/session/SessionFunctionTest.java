package io.frictionflow.session;

import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.TestEvents;
import io.frictionflow.event.Event;
import io.frictionflow.score.FeatureSpec;
import io.frictionflow.score.IntentModel;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.TestSignals;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SessionFunctionTest {
  /** Intent grows with clicks: one click ≈ 0.27, two 0.5, three ≈ 0.73, five ≈ 0.95. */
  static final IntentModel CLICKY =
      new IntentModel(
          List.of(new FeatureSpec("clicks", true, false, 0.0, 1.0, List.of())),
          new double[] {1.0},
          -2.0,
          0.7,
          Map.of());

  private static KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> harness()
      throws Exception {
    return harness(Duration.ofHours(4));
  }

  private static KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> harness(
      Duration maxLength) throws Exception {
    return harness(maxLength, false);
  }

  private static KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> eager()
      throws Exception {
    return harness(Duration.ofHours(4), true);
  }

  private static KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> harness(
      Duration maxLength, boolean eager) throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(
                new SessionFunction(
                    CLICKY,
                    0.7,
                    0.2,
                    new ContextBuilder(10, 10, 120, Redactor.defaults()),
                    Duration.ofMinutes(30),
                    maxLength,
                    Duration.ofSeconds(5),
                    eager)),
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

  /** The event time of a click at {@code offset} ms, as {@link #click} gives it. */
  private static long at(long offset) {
    return event("click").atMillis(offset).event().time();
  }

  /** A rage-click signal whose last event is the click at {@code offset} ms. */
  private static Signal rageAt(long offset) {
    return rage(at(offset));
  }

  private static Signal rage(long at) {
    return TestSignals.rageClick("s1").id("sig-" + at).at(at).events("x").build();
  }

  /**
   * An open session at 3 s: c1 at 0, a rage-click signal at 1 s that overtakes c2 (also at 1 s),
   * the watermark at 1 s, then c3 (the intent crossing) at 2 s and c4 at 3 s.
   */
  private static KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> openSession()
      throws Exception {
    var h = harness();
    h.open();
    click(h, "c1", 0);
    h.processElement2(new StreamRecord<>(rage(1000), 1000));
    click(h, "c2", 1000);
    watermark(h, 1000);
    click(h, "c3", 2000);
    click(h, "c4", 3000);
    return h;
  }

  /**
   * {@link #openSession()} snapshotted at 3 s and restored into a new harness, which then sees the
   * watermark at 5 s and c5 at 6 s.
   */
  private static KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal>
      restoredSession() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = openSession()) {
      snapshot = h.snapshot(1, 3000);
    }
    var restored = harness();
    restored.initializeState(snapshot);
    restored.open();
    watermark(restored, 5000);
    click(restored, "c5", 6000);
    return restored;
  }

  private static void watermark(
      KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> h, long at)
      throws Exception {
    h.processWatermark1(new Watermark(at));
    h.processWatermark2(new Watermark(at));
  }

  /** Event time passes every timer: the session is idle past its timeout. */
  private static void idlePastTheTimeout(
      KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal> h) throws Exception {
    watermark(h, Long.MAX_VALUE - 1);
  }

  @Test
  void aSignalThatOvertakesItsEventsWaitsForTheWatermark() throws Exception {
    try (var h = harness()) {
      h.open();
      click(h, "c1", 0);
      h.processElement2(new StreamRecord<>(rage(1000), 1000));
      assertThat(h.extractOutputValues()).isEmpty();
      click(h, "c2", 1000);
      watermark(h, 1000);
      assertThat(h.extractOutputValues()).extracting(Signal::patternId).contains("rage-click");
    }
  }

  @Test
  void eagerASignalWhoseLastEventArrivedLeavesAtOnceWithoutTheWatermark() throws Exception {
    try (var h = eager()) {
      h.open();
      click(h, "c1", 0);
      click(h, "c2", 1000);
      h.processElement2(new StreamRecord<>(rageAt(1000), at(1000)));
      List<Signal> out = h.extractOutputValues();
      assertThat(out).extracting(Signal::patternId).containsExactly("rage-click");
      var context = JsonMapper.builder().build().readTree(out.get(0).context());
      assertThat(context.get("event_count").asInt()).isEqualTo(2);
    }
  }

  @Test
  void eagerASignalThatOvertakesItsLastEventLeavesWhenThatEventArrives() throws Exception {
    try (var h = eager()) {
      h.open();
      click(h, "c1", 0);
      h.processElement2(new StreamRecord<>(rageAt(1000), at(1000)));
      assertThat(h.extractOutputValues()).isEmpty();
      click(h, "c2", 1000);
      List<Signal> out = h.extractOutputValues();
      assertThat(out).extracting(Signal::patternId).containsExactly("rage-click");
      var context = JsonMapper.builder().build().readTree(out.get(0).context());
      assertThat(context.get("event_count").asInt()).isEqualTo(2);
      // Its timer finds nothing left: the watermark emits it no second time.
      watermark(h, at(1000));
      assertThat(h.extractOutputValues()).hasSize(1);
    }
  }

  @Test
  void aSignalCarriesTheScoreAndContextOfEveryEventUpToIt() throws Exception {
    try (var h = openSession()) {
      Signal rage = h.extractOutputValues().get(0);
      assertThat(rage.patternId()).isEqualTo("rage-click");
      assertThat(rage.intentScore()).isCloseTo(0.5, within(1e-9));
      var context = JsonMapper.builder().build().readTree(rage.context());
      assertThat(context.get("event_count").asInt()).isEqualTo(2);
      assertThat(context.get("friction").get("rage-click").asInt()).isEqualTo(1);
      assertThat(context.get("last_events")).hasSize(2);
    }
  }

  @Test
  void intentFiresOnceOnTheEventThatCrossesTheThreshold() throws Exception {
    try (var h = openSession()) {
      List<Signal> got = h.extractOutputValues();
      assertThat(got).extracting(Signal::patternId).containsExactly("rage-click", "intent");
      assertThat(got.get(1).eventIds()).containsExactly("c3");
    }
  }

  @Test
  void contextIsPublishedOnTheFirstEventOfASession() throws Exception {
    try (var h = openSession()) {
      assertThat(h.getSideOutput(SessionFunction.CONTEXT)).hasSize(1);
    }
  }

  @Test
  void anOpenSessionKeepsItsStateAndOneEndTimer() throws Exception {
    try (var h = openSession()) {
      // features, context, above-threshold flag, end timer (no signal waiting any more)
      assertThat(h.numKeyedStateEntries()).isEqualTo(4);
      assertThat(h.numEventTimeTimers()).isEqualTo(1);
    }
  }

  @Test
  void intentDoesNotFireAgainAfterSnapshotAndRestore() throws Exception {
    try (var restored = restoredSession()) {
      assertThat(restored.extractOutputValues()).isEmpty();
    }
  }

  @Test
  void contextIsPublishedAgainOnceFiveSecondsOfEventTimePassedAfterRestore() throws Exception {
    try (var restored = restoredSession()) {
      assertThat(restored.getSideOutput(SessionFunction.CONTEXT)).hasSize(1);
    }
  }

  @Test
  void anIdleSessionEndsWithASessionEndSignalCarryingTheFinalContext() throws Exception {
    try (var restored = restoredSession()) {
      idlePastTheTimeout(restored);
      assertThat(restored.extractOutputValues())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.kind()).isEqualTo("session_end");
                assertThat(s.context()).contains("\"event_count\":5");
              });
    }
  }

  @Test
  void anIdleSessionEndsWithAContextTombstone() throws Exception {
    try (var restored = restoredSession()) {
      idlePastTheTimeout(restored);
      assertThat(restored.getSideOutput(SessionFunction.CONTEXT))
          .extracting(r -> r.getValue().json())
          .last()
          .isNull();
    }
  }

  @Test
  void anIdleSessionEndsWithNoStateOrTimersLeft() throws Exception {
    try (var restored = restoredSession()) {
      idlePastTheTimeout(restored);
      assertThat(restored.numKeyedStateEntries()).isZero();
      assertThat(restored.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aSignalOfAnUnknownSessionPassesWithoutScoreOrContext() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement2(new StreamRecord<>(rage(100), 100));
      watermark(h, 100);
      assertThat(h.extractOutputValues())
          .singleElement()
          .satisfies(s -> assertThat(s.intentScore()).isNull());
    }
  }

  private static final long T0 = TestEvents.T0.toEpochMilli();

  /**
   * A session cut at its maximum length (10 s, its end timer at 11 s) whose events go on: c1 at 0,
   * c2 at 12 s with a rage-click signal that waits for the watermark to pass 12 s, and the
   * watermark at 11 s, where the session ends.
   */
  private static KeyedTwoInputStreamOperatorTestHarness<String, Event, Signal, Signal>
      sessionCutWithASignalWaiting() throws Exception {
    var h = harness(Duration.ofSeconds(10));
    h.open();
    click(h, "c1", 0);
    click(h, "c2", 12_000);
    h.processElement2(new StreamRecord<>(rage(T0 + 12_000), T0 + 12_000));
    watermark(h, T0 + 11_000);
    return h;
  }

  @Test
  void aSignalStillWaitingWhenTheSessionEndsIsEmittedBeforeTheEndNotCleared() throws Exception {
    try (var h = sessionCutWithASignalWaiting()) {
      assertThat(h.extractOutputValues())
          .extracting(Signal::patternId)
          .containsExactly("rage-click", SessionFunction.SESSION_END);
    }
  }

  @Test
  void aSignalStillWaitingWhenTheSessionEndsCarriesTheSessionsContext() throws Exception {
    try (var h = sessionCutWithASignalWaiting()) {
      assertThat(h.extractOutputValues().get(0).context()).contains("\"event_count\":2");
    }
  }

  @Test
  void theSessionEndCountsTheFrictionOfTheSignalThatWaited() throws Exception {
    try (var h = sessionCutWithASignalWaiting()) {
      assertThat(h.extractOutputValues().get(1).context()).contains("\"rage-click\":1");
    }
  }

  @Test
  void aSessionCutAtItsMaximumLengthLeavesNoStateAndEmitsNothingMore() throws Exception {
    try (var h = sessionCutWithASignalWaiting()) {
      watermark(h, T0 + 60_000);
      assertThat(h.extractOutputValues()).hasSize(2);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }
}
