package io.frictionflow.job;

import io.frictionflow.event.DecodeException;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.event.FailureReason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes raw JSON records; a record that fails goes to {@link OutputTags#FAILED} with the reason
 * and field, and is counted per reason ({@code events_failed_<reason>}). Stateless.
 */
public final class DecodeFunction extends ProcessFunction<String, Event> {
  private final int maxBytes;
  private transient EventDecoder decoder;
  private transient Counter eventsIn;
  private transient Map<FailureReason, Counter> failed;
  private transient LongCounter readAcc;
  private transient LongCounter failedAcc;

  public DecodeFunction(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void open(OpenContext openContext) {
    decoder = new EventDecoder(maxBytes);
    var group = getRuntimeContext().getMetricGroup().addGroup("frictionflow");
    eventsIn = group.counter("events_in");
    failed = new EnumMap<>(FailureReason.class);
    for (FailureReason r : FailureReason.values()) {
      failed.put(r, group.counter("events_failed_" + r.label()));
    }
    readAcc = getRuntimeContext().getLongCounter(Accumulators.EVENTS_READ);
    failedAcc = getRuntimeContext().getLongCounter(Accumulators.EVENTS_FAILED);
  }

  @Override
  public void processElement(String raw, Context ctx, Collector<Event> out) {
    eventsIn.inc();
    readAcc.add(1);
    Instant now = Instant.now();
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    try {
      out.collect(decoder.decode(raw, micros));
    } catch (DecodeException e) {
      failed.get(e.reason()).inc();
      failedAcc.add(1);
      ctx.output(
          OutputTags.FAILED,
          new FailedEvent(raw, e.reason().label(), e.field(), e.getMessage(), now.toEpochMilli()));
    }
  }
}
