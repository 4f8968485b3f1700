package io.frictionflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Every pattern's fire policy in one operator, each under its own state. */
class FirePoliciesFunctionTest {
  private static final long MIN = 60_000;
  private static final long T0 = 1_772_442_000_000L;

  private static Signal signal(String pattern, String session, long last, String... ids) {
    return new Signal(
        pattern + ":" + session + ":" + String.join("-", ids),
        "match",
        pattern,
        1,
        session,
        "medium",
        0,
        last,
        last,
        List.of(ids),
        null,
        null,
        0);
  }

  private static void emit(
      KeyedOneInputStreamOperatorTestHarness<String, Signal, Signal> h, Signal s, long at)
      throws Exception {
    h.processWatermark(at - 1);
    h.processElement(new StreamRecord<>(s, at));
  }

  @Test
  void eachPatternKeepsItsOwnPolicyAndAllStateGoesWhenItExpires() throws Exception {
    PatternSpec rage = FirePolicyTest.catalog("rage-click");
    PatternSpec cart = FirePolicyTest.catalog("cart-abandonment");
    var patterns = List.of(HostedPattern.of(rage), HostedPattern.of(cart));
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new FirePoliciesFunction(patterns, Duration.ofMinutes(30))),
            Signal::sessionId,
            Types.STRING)) {
      h.setup();
      h.open();
      // rage-click: once per incident; cart-abandonment: 30 min cooldown.
      emit(h, signal("rage-click", "s1", T0 + 300, "c1", "c2", "c3"), T0 + 300);
      emit(h, signal("rage-click", "s1", T0 + 400, "c2", "c3", "c4"), T0 + 400);
      emit(h, signal("cart-abandonment", "s1", T0, "a1"), T0 + 10 * MIN);
      emit(h, signal("cart-abandonment", "s1", T0 + 15 * MIN, "a2"), T0 + 25 * MIN);
      assertThat(h.extractOutputValues().stream().map(Signal::signalId))
          .containsExactly("rage-click:s1:c1-c2-c3", "cart-abandonment:s1:a1");
      assertThat(h.numKeyedStateEntries()).isEqualTo(2);
      h.processWatermark(T0 + 56 * MIN);
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }
}
