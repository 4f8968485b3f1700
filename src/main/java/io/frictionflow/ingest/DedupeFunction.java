package io.frictionflow.ingest;

import io.frictionflow.event.Event;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per session: routes late events ({@link Lateness#isLate}: at or behind the watermark) to {@link
 * OutputTags#LATE} and drops repeated event ids (trackers retry). Every event that reaches it
 * leaves as exactly one of used (passed on to the detectors), late or duplicate, and is counted so.
 *
 * <p>State: the ids seen in the last {@code horizon} of event time, with their event time. An
 * event-time timer, rounded to the second so that a burst of events shares one timer, removes ids
 * older than the horizon; when the map is empty the state is gone. So state per session is bounded
 * by the events of one horizon, and a session that ends leaves nothing behind once the watermark
 * passes its last event plus the horizon.
 */
public final class DedupeFunction extends KeyedProcessFunction<String, Event, Event> {
  private static final long TIMER_GRANULARITY_MS = 1000;

  private final long horizonMs;
  private transient MapState<String, Long> seen;
  private transient Counter duplicates;
  private transient Counter late;
  private transient LongCounter duplicatesAcc;
  private transient Counter used;
  private transient LongCounter lateAcc;
  private transient LongCounter usedAcc;
  // Set in open(): a transient field's initializer does not run when the function is deserialized.
  private transient volatile long latestEventTime;

  public DedupeFunction(Duration horizon) {
    this.horizonMs = horizon.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    latestEventTime = Long.MIN_VALUE;
    seen =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG));
    var group = getRuntimeContext().getMetricGroup().addGroup("frictionflow");
    duplicates = group.counter("events_duplicate");
    late = group.counter("events_late");
    used = group.counter("events_used");
    // How far event time lags the wall clock: tracker batching, collector and Kafka delays.
    group.gauge("event_time_lag_ms", () -> eventTimeLagMs(System.currentTimeMillis()));
    duplicatesAcc = getRuntimeContext().getLongCounter(Accumulators.EVENTS_DUPLICATE);
    lateAcc = getRuntimeContext().getLongCounter(Accumulators.EVENTS_LATE);
    usedAcc = getRuntimeContext().getLongCounter(Accumulators.EVENTS_USED);
  }

  /** Wall clock {@code nowMillis} minus the newest event time seen; 0 before the first event. */
  long eventTimeLagMs(long nowMillis) {
    return latestEventTime == Long.MIN_VALUE ? 0L : nowMillis - latestEventTime;
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
    if (e.time() > latestEventTime) {
      latestEventTime = e.time();
    }
    long watermark = ctx.timerService().currentWatermark();
    // The detectors' rule (FlinkCEP drops what is at or behind its watermark): an event passed on
    // here is never dropped by them, so nothing is lost without a trace (see Lateness).
    if (Lateness.isLate(e.time(), watermark)) {
      late.inc();
      lateAcc.add(1);
      ctx.output(OutputTags.LATE, e);
      return;
    }
    if (seen.contains(e.eventId())) {
      duplicates.inc();
      duplicatesAcc.add(1);
      return;
    }
    seen.put(e.eventId(), e.time());
    long expiry = e.time() + horizonMs;
    ctx.timerService()
        .registerEventTimeTimer((expiry / TIMER_GRANULARITY_MS + 1) * TIMER_GRANULARITY_MS);
    used.inc();
    usedAcc.add(1);
    out.collect(e);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event> out) throws Exception {
    for (Iterator<Map.Entry<String, Long>> it = seen.iterator(); it.hasNext(); ) {
      if (it.next().getValue() + horizonMs <= timestamp) {
        it.remove();
      }
    }
    if (seen.isEmpty()) {
      seen.clear();
    }
  }
}
