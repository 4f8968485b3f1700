package io.frictionflow.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks emitted as soon as an event advances them by a step, not on
 * the periodic 200 ms tick. In event time no match can fire before the watermark passes its last
 * event, so the tick would add up to its interval to every detection; emitting eagerly removes that
 * floor, and makes lateness deterministic for a given input order. The step (event time) bounds how
 * many watermarks there are: each one makes every timer service in the job look for due timers and
 * travels to every downstream channel, so one per event costs as much as the event itself at high
 * rates (docs/performance.md). Rejected records carry no event time and do not move the watermark.
 *
 * <p>The watermark never passes a record's arrival time minus the bound, whatever time the event
 * claims: an event the decoder let through a little ahead of its arrival (a device clock that runs
 * fast, within {@code frictionflow.time.max-future}) keeps its time, but only arrival moves the
 * watermark. So no client clock can make other sessions' events late.
 */
public final class EagerWatermarks implements WatermarkGenerator<Decoded> {
  private final long boundMs;
  private final long stepMs;
  private long emitted = Long.MIN_VALUE;

  /**
   * @param bound the out-of-orderness bound
   * @param step the watermark is a multiple of this (event time); zero for every millisecond
   */
  public EagerWatermarks(Duration bound, Duration step) {
    this.boundMs = bound.toMillis();
    this.stepMs = Math.max(1, step.toMillis());
  }

  /** The job's watermark strategy: event time, eager watermarks in steps, idleness. */
  public static WatermarkStrategy<Decoded> strategy(
      Duration bound, Duration step, Duration idleness) {
    return WatermarkStrategy.<Decoded>forGenerator(ctx -> new EagerWatermarks(bound, step))
        .withTimestampAssigner(
            (d, recordTimestamp) -> d.event() != null ? d.event().time() : recordTimestamp)
        .withIdleness(idleness);
  }

  @Override
  public void onEvent(Decoded record, long eventTimestamp, WatermarkOutput output) {
    if (record.event() == null) {
      return;
    }
    long candidate = stepDown(Math.min(eventTimestamp, record.arrivedAt()) - boundMs - 1, stepMs);
    if (candidate > emitted) {
      emitted = candidate;
      output.emitWatermark(new Watermark(candidate));
    }
  }

  /** The largest multiple of {@code step} at or below {@code t}: never ahead of the bound. */
  public static long stepDown(long t, long step) {
    return Math.floorDiv(t, step) * step;
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // Everything is emitted in onEvent.
  }
}
