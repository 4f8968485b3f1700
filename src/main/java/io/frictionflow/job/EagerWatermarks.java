package io.frictionflow.job;

import io.frictionflow.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks emitted as soon as an event advances them, not on the
 * periodic 200 ms tick. In event time no match can fire before the watermark passes its last event,
 * so the tick would add up to its interval to every detection; emitting eagerly removes that floor,
 * and makes lateness deterministic for a given input order.
 */
public final class EagerWatermarks implements WatermarkGenerator<Event> {
  private final long boundMs;
  private long emitted = Long.MIN_VALUE;

  public EagerWatermarks(Duration bound) {
    this.boundMs = bound.toMillis();
  }

  @Override
  public void onEvent(Event event, long eventTimestamp, WatermarkOutput output) {
    long candidate = eventTimestamp - boundMs - 1;
    if (candidate > emitted) {
      emitted = candidate;
      output.emitWatermark(new Watermark(candidate));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // Everything is emitted in onEvent.
  }
}
