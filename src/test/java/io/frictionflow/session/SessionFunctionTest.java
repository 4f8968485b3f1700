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
                    Duration.ofSeconds(5))),
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
    return TestSignals.rageClick("s1").id("sig-" + at).at(at).events("x").build();
  }

  @Test
  void scoresSignalsAddsContextFiresIntentOnceAndSurvivesSnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      // The signal overtakes its events: it waits for the watermark, then carries both clicks.
      click(h, "c1", 0);
      h.processElement2(new StreamRecord<>(rage(1000), 1000));
      assertThat(h.extractOutputValues()).isEmpty();
      click(h, "c2", 1000);
      h.processWatermark1(new Watermark(1000));
      h.processWatermark2(new Watermark(1000));
      click(h, "c3", 2000);
      click(h, "c4", 3000);
      List<Signal> got = h.extractOutputValues();
      assertThat(got).extracting(Signal::patternId).containsExactly("rage-click", "intent");
      assertThat(got.get(0).intentScore()).isCloseTo(0.5, within(1e-9));
      var context = JsonMapper.builder().build().readTree(got.get(0).context());
      assertThat(context.get("event_count").asInt()).isEqualTo(2);
      assertThat(context.get("friction").get("rage-click").asInt()).isEqualTo(1);
      assertThat(context.get("last_events")).hasSize(2);
      assertThat(got.get(1).eventIds()).containsExactly("c3");
      // Context published on the first event and again once 5 s of event time passed.
      assertThat(h.getSideOutput(SessionFunction.CONTEXT)).hasSize(1);
      // features, context, above-threshold flag, end timer (no signal waiting any more)
      assertThat(h.numKeyedStateEntries()).isEqualTo(4);
      assertThat(h.numEventTimeTimers()).isEqualTo(1);
      snapshot = h.snapshot(1, 3000);
    }
    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      restored.processWatermark1(new Watermark(5000));
      restored.processWatermark2(new Watermark(5000));
      click(restored, "c5", 6000);
      assertThat(restored.extractOutputValues()).isEmpty();
      assertThat(restored.getSideOutput(SessionFunction.CONTEXT)).hasSize(1);
      // Idle past the timeout: a session_end signal with the final context, a tombstone, no state.
      restored.processWatermark1(new Watermark(Long.MAX_VALUE - 1));
      restored.processWatermark2(new Watermark(Long.MAX_VALUE - 1));
      assertThat(restored.extractOutputValues())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.kind()).isEqualTo("session_end");
                assertThat(s.context()).contains("\"event_count\":5");
              });
      assertThat(restored.getSideOutput(SessionFunction.CONTEXT))
          .extracting(r -> r.getValue().json())
          .last()
          .isNull();
      assertThat(restored.numKeyedStateEntries()).isZero();
      assertThat(restored.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aSignalOfAnUnknownSessionPassesWithoutScoreOrContext() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement2(new StreamRecord<>(rage(100), 100));
      h.processWatermark1(new Watermark(100));
      h.processWatermark2(new Watermark(100));
      assertThat(h.extractOutputValues())
          .singleElement()
          .satisfies(s -> assertThat(s.intentScore()).isNull());
    }
  }

  @Test
  void aSignalStillWaitingWhenTheSessionEndsIsEmittedBeforeTheEndNotCleared() throws Exception {
    // A session cut at its maximum length (10 s, its end timer at 11 s) whose events go on.
    try (var h = harness(Duration.ofSeconds(10))) {
      h.open();
      click(h, "c1", 0);
      click(h, "c2", 12_000);
      // The signal of c2 waits for the watermark to pass 12 s; the session ends at 11 s.
      long t0 = TestEvents.T0.toEpochMilli();
      h.processElement2(new StreamRecord<>(rage(t0 + 12_000), t0 + 12_000));
      h.processWatermark1(new Watermark(t0 + 11_000));
      h.processWatermark2(new Watermark(t0 + 11_000));
      assertThat(h.extractOutputValues())
          .extracting(Signal::patternId)
          .containsExactly("rage-click", SessionFunction.SESSION_END);
      assertThat(h.extractOutputValues().get(0).context()).contains("\"event_count\":2");
      assertThat(h.extractOutputValues().get(1).context()).contains("\"rage-click\":1");
      h.processWatermark1(new Watermark(t0 + 60_000));
      h.processWatermark2(new Watermark(t0 + 60_000));
      assertThat(h.extractOutputValues()).hasSize(2);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }
}
