package io.frictionflow.bench;

import io.frictionflow.ingest.Decoded;
import io.frictionflow.ingest.EagerWatermarks;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for the {@link PacedSource}: eager like the job's own ({@code EagerWatermarks}), and
 * on the periodic tick also the wall clock minus the bound, so that the watermark keeps moving
 * while the source is idle (between events at a low rate, and while it holds) instead of stalling
 * at the last event. Safe because the paced source stamps each event with the wall clock when it
 * emits it, in the same task thread, minus the event's {@link Disorder} delay: no later event can
 * carry an earlier time than now minus its delay, so a delay under the bound is never late, and one
 * over it is late exactly as it would be in production.
 */
public final class WallClockWatermarks implements WatermarkGenerator<Decoded> {
  private final long boundMs;
  private final long stepMs;
  private long emitted = Long.MIN_VALUE;

  WallClockWatermarks(Duration bound, Duration step) {
    this.boundMs = bound.toMillis();
    this.stepMs = Math.max(1, step.toMillis());
  }

  /** Event time from the decoded event, these watermarks, in the job's steps. */
  public static WatermarkStrategy<Decoded> strategy(Duration bound, Duration step) {
    return WatermarkStrategy.<Decoded>forGenerator(ctx -> new WallClockWatermarks(bound, step))
        .withTimestampAssigner(
            (d, recordTimestamp) -> d.event() != null ? d.event().time() : recordTimestamp);
  }

  @Override
  public void onEvent(Decoded record, long eventTimestamp, WatermarkOutput output) {
    if (record.event() != null) {
      advance(eventTimestamp - boundMs - 1, output);
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    advance(System.currentTimeMillis() - boundMs - 1, output);
  }

  private void advance(long t, WatermarkOutput output) {
    long candidate = EagerWatermarks.stepDown(t, stepMs);
    if (candidate > emitted) {
      emitted = candidate;
      output.emitWatermark(new Watermark(candidate));
    }
  }
}
