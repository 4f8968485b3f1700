package io.frictionflow.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks emitted as soon as an event advances them, not on the
 * periodic 200 ms tick. In event time no match can fire before the watermark passes its last event,
 * so the tick would add up to its interval to every detection; emitting eagerly removes that floor,
 * and makes lateness deterministic for a given input order. Rejected records carry no event time
 * and do not move the watermark.
 */
public final class EagerWatermarks implements WatermarkGenerator<Decoded> {
  private final long boundMs;
  private long emitted = Long.MIN_VALUE;

  public EagerWatermarks(Duration bound) {
    this.boundMs = bound.toMillis();
  }

  /** The job's watermark strategy: event time, eager watermarks, idleness. */
  public static WatermarkStrategy<Decoded> strategy(Duration bound, Duration idleness) {
    return WatermarkStrategy.<Decoded>forGenerator(ctx -> new EagerWatermarks(bound))
        .withTimestampAssigner(
            (d, recordTimestamp) -> d.event() != null ? d.event().time() : recordTimestamp)
        .withIdleness(idleness);
  }

  @Override
  public void onEvent(Decoded record, long eventTimestamp, WatermarkOutput output) {
    if (record.event() == null) {
      return;
    }
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
