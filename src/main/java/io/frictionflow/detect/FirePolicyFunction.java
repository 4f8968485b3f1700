package io.frictionflow.detect;

import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Applies one pattern's fire policy per session. State: one {@link FireState}, cleared by one
 * event-time timer at its {@link FirePolicy#expiry}: the session timeout after the last match was
 * emitted, or the end of the cooldown if later.
 *
 * <p>Times are when matches are emitted in event time ({@link FirePolicy#emittedAt}): for a pattern
 * that ends in an absence, the end of the window, not the last present event.
 */
public final class FirePolicyFunction extends KeyedProcessFunction<String, Signal, Signal> {
  private final PatternSpec spec;
  private final long sessionTimeoutMs;
  private transient FirePolicy policy;
  private transient ValueState<FireState> state;
  private transient Counter signals;
  private transient Histogram detectionDelay;

  private final String patternId;

  public FirePolicyFunction(PatternSpec spec, Duration sessionTimeout) {
    this.patternId = spec.id();
    this.spec = spec;
    this.sessionTimeoutMs = sessionTimeout.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    policy = new FirePolicy(spec, Duration.ofMillis(sessionTimeoutMs));
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("fire-state", TypeInformation.of(FireState.class)));
    var group =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("frictionflow")
            .addGroup("pattern", patternId);
    signals = group.counter("signals");
    detectionDelay =
        group.histogram("detection_delay_ms", new DescriptiveStatisticsHistogram(10_000));
  }

  private void emit(Signal signal, Collector<Signal> out) {
    signals.inc();
    // Wall clock at emit minus wall clock when the deciding event entered the job.
    detectionDelay.update((nowMicros() - signal.decidedAtMicros()) / 1000);
    out.collect(signal);
  }

  private static long nowMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  @Override
  public void processElement(Signal signal, Context ctx, Collector<Signal> out) throws Exception {
    if (policy.stateless()) {
      emit(signal, out);
      return;
    }
    FireState current = state.value();
    FirePolicy.Decision d =
        policy.decide(
            current == null ? FireState.EMPTY : current, signal, policy.emittedAt(signal));
    state.update(d.next());
    long expiry = policy.expiry(d.next());
    if (current != null && policy.expiry(current) != expiry) {
      ctx.timerService().deleteEventTimeTimer(policy.expiry(current));
    }
    ctx.timerService().registerEventTimeTimer(expiry);
    if (d.fire()) {
      emit(signal, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out) throws Exception {
    FireState current = state.value();
    if (current != null && policy.expiry(current) <= timestamp) {
      state.clear();
    }
  }
}
