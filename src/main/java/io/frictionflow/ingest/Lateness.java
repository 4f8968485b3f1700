package io.frictionflow.ingest;

/**
 * The job's one definition of a late event, shared by dedupe and detection. Pure.
 *
 * <p>FlinkCEP's operator in event time buffers an event only when its time is after the watermark
 * it has seen, and drops an event at or behind it ({@code time <= watermark}) without a side output
 * unless one is set. Dedupe applies the same rule and routes such events to the late output, so an
 * event that dedupe passes is never found late by the detector for being behind the watermark: it
 * runs after dedupe on the same keyed partition through a forward connection (chained or one
 * channel), so its watermark is at most the one dedupe saw when it passed the event.
 */
public final class Lateness {
  private Lateness() {}

  /** Whether an event at {@code time} comes too late for an operator at {@code watermark}. */
  public static boolean isLate(long time, long watermark) {
    return time <= watermark;
  }
}
