package io.frictionflow.detect;

import io.frictionflow.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Applies every hosted pattern's fire policy ({@link FirePolicy}) per session, after {@link
 * DetectOperator}. State: per pattern whose policy needs one, a {@link FireState} under {@link
 * HostedPattern#fireStateName} ({@code fire-<id>-v<state_version>}), cleared by an event-time timer
 * at its {@link FirePolicy#expiry}. Timers are never deleted (another pattern's may share the
 * time); one that finds its state not yet expired does nothing.
 */
public final class FirePoliciesFunction extends KeyedProcessFunction<String, Signal, Signal> {
  private final List<HostedPattern> patterns;
  private final long sessionTimeoutMs;
  private transient FirePolicy[] policies;
  private transient ValueState<FireState>[] states;
  private transient Counter[] signals;
  private transient Histogram[] delays;

  /**
   * @param sessionTimeout how long without a match of a pattern ends its session's memory
   */
  public FirePoliciesFunction(List<HostedPattern> patterns, Duration sessionTimeout) {
    this.patterns = List.copyOf(patterns);
    this.sessionTimeoutMs = sessionTimeout.toMillis();
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open(OpenContext openContext) {
    int n = patterns.size();
    policies = new FirePolicy[n];
    states = new ValueState[n];
    signals = new Counter[n];
    delays = new Histogram[n];
    Map<String, Counter> counters = new HashMap<>();
    Map<String, Histogram> histograms = new HashMap<>();
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("frictionflow");
    for (int i = 0; i < n; i++) {
      HostedPattern p = patterns.get(i);
      policies[i] = new FirePolicy(p.spec(), Duration.ofMillis(sessionTimeoutMs));
      if (!policies[i].stateless()) {
        states[i] =
            getRuntimeContext()
                .getState(
                    new ValueStateDescriptor<>(
                        p.fireStateName(), TypeInformation.of(FireState.class)));
      }
      String id = p.spec().id();
      signals[i] =
          counters.computeIfAbsent(id, x -> group.addGroup("pattern", x).counter("signals"));
      delays[i] =
          histograms.computeIfAbsent(
              id,
              x ->
                  group
                      .addGroup("pattern", x)
                      .histogram("detection_delay_ms", new DescriptiveStatisticsHistogram(10_000)));
    }
  }

  private int slotOf(Signal s) {
    for (int i = 0; i < patterns.size(); i++) {
      HostedPattern p = patterns.get(i);
      if (p.spec().id().equals(s.patternId()) && p.selectsSession(s.sessionId())) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void processElement(Signal signal, Context ctx, Collector<Signal> out) throws Exception {
    int i = slotOf(signal);
    if (i < 0 || states[i] == null) {
      emit(i, signal, out);
      return;
    }
    FirePolicy policy = policies[i];
    FireState current = states[i].value();
    FirePolicy.Decision d =
        policy.decide(
            current == null ? FireState.EMPTY : current, signal, policy.emittedAt(signal));
    states[i].update(d.next());
    ctx.timerService().registerEventTimeTimer(policy.expiry(d.next()));
    if (d.fire()) {
      emit(i, signal, out);
    }
  }

  private void emit(int i, Signal signal, Collector<Signal> out) {
    if (i >= 0) {
      signals[i].inc();
      // Wall clock at emit minus wall clock when the deciding event entered the job.
      Instant now = Instant.now();
      long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
      delays[i].update((nowMicros - signal.decidedAtMicros()) / 1000);
    }
    out.collect(signal);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out) throws Exception {
    for (int i = 0; i < states.length; i++) {
      if (states[i] == null) {
        continue;
      }
      FireState current = states[i].value();
      if (current != null && policies[i].expiry(current) <= timestamp) {
        states[i].clear();
      }
    }
  }
}
