package io.frictionflow.ingest;

import io.frictionflow.event.Event;
import io.frictionflow.event.FailureReason;
import io.frictionflow.session.ContextBuilder;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes decoded events on and routes rejected records to {@link OutputTags#FAILED}, redacted
 * unless raw payloads are kept; counts {@code events_in} and {@code events_failed_<reason>}.
 * Stateless.
 */
public final class RouteFailedFunction extends ProcessFunction<Decoded, Event> {
  private final boolean keepRaw;
  private final ContextBuilder redaction;
  private transient Counter eventsIn;
  private transient Map<String, Counter> failed;
  private transient LongCounter readAcc;
  private transient LongCounter failedAcc;

  /**
   * @param keepRaw keep the raw payload on the failed output; false sends the redacted copy
   * @param redaction redacts rejected records as the session context is redacted
   */
  public RouteFailedFunction(boolean keepRaw, ContextBuilder redaction) {
    this.keepRaw = keepRaw;
    this.redaction = redaction;
  }

  @Override
  public void open(OpenContext openContext) {
    var group = getRuntimeContext().getMetricGroup().addGroup("frictionflow");
    eventsIn = group.counter("events_in");
    failed = new HashMap<>();
    for (FailureReason r : FailureReason.values()) {
      failed.put(r.label(), group.counter("events_failed_" + r.label()));
    }
    readAcc = getRuntimeContext().getLongCounter(Accumulators.EVENTS_READ);
    failedAcc = getRuntimeContext().getLongCounter(Accumulators.EVENTS_FAILED);
  }

  @Override
  public void processElement(Decoded d, Context ctx, Collector<Event> out) {
    eventsIn.inc();
    readAcc.add(1);
    if (d.event() != null) {
      out.collect(d.event());
      return;
    }
    failed.get(d.failed().reason()).inc();
    failedAcc.add(1);
    var f = d.failed();
    // Redacted here, so that no raw payload crosses the network to the sink.
    ctx.output(OutputTags.FAILED, keepRaw ? f : redaction.redactFailed(f));
  }
}
