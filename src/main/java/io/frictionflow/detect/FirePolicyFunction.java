package io.frictionflow.detect;

import io.frictionflow.pattern.FireSpec;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Applies one pattern's fire policy per session. State: one {@link FireState}, cleared by an
 * event-time timer once the session has had no match for the session timeout.
 */
public final class FirePolicyFunction extends KeyedProcessFunction<String, Signal, Signal> {
  private final FireSpec spec;
  private final long sessionTimeoutMs;
  private transient FirePolicy policy;
  private transient ValueState<FireState> state;

  public FirePolicyFunction(FireSpec spec, Duration sessionTimeout) {
    this.spec = spec;
    this.sessionTimeoutMs = sessionTimeout.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    policy = new FirePolicy(spec);
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("fire-state", TypeInformation.of(FireState.class)));
  }

  @Override
  public void processElement(Signal signal, Context ctx, Collector<Signal> out) throws Exception {
    if (policy.stateless()) {
      out.collect(signal);
      return;
    }
    FireState current = state.value();
    FirePolicy.Decision d = policy.decide(current == null ? FireState.EMPTY : current, signal);
    state.update(d.next());
    ctx.timerService().registerEventTimeTimer(d.next().lastSeenTime() + sessionTimeoutMs);
    if (d.fire()) {
      out.collect(signal);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out) throws Exception {
    FireState current = state.value();
    if (current != null && current.lastSeenTime() + sessionTimeoutMs <= timestamp) {
      state.clear();
    }
  }
}
