package io.frictionflow.bench;

/**
 * One measured run of the bench.
 *
 * @param mode {@code full} or {@code paced}
 * @param state state backend, {@code heap} or {@code rocksdb}
 * @param patterns patterns enabled
 * @param events records sent: the workload's events, plus the retried copies in a paced run with
 *     {@link Disorder}
 * @param signals signals emitted, session ends included
 * @param runtimeMs the job's net runtime
 * @param eventsPerSecond measured throughput at full speed; the fixed input rate when paced
 * @param rate the fixed input rate when paced, else 0
 * @param delay detection delays, session ends excluded
 * @param size state with every session open; {@code null} at full speed
 * @param accounting where each event sent went; {@code null} when not read
 */
public record BenchRun(
    String mode,
    String state,
    int patterns,
    long events,
    long signals,
    long runtimeMs,
    double eventsPerSecond,
    double rate,
    Percentiles delay,
    StateSize size,
    Accounting accounting) {

  /**
   * Where the events went, from the job's accumulators ({@code
   * io.frictionflow.ingest.Accumulators}): every record read leaves as exactly one of used,
   * duplicate, late and failed.
   *
   * @param sent records the bench's source sent: the workload's events, plus the retried copies in
   *     a paced run with disorder
   * @param read records the job read
   * @param used events passed on to the detectors
   * @param duplicate repeats of an event id dropped by dedupe
   * @param late events at or behind the watermark, on the late output
   * @param failed records that failed to decode
   */
  public record Accounting(
      long sent, long read, long used, long duplicate, long late, long failed) {

    /** Whether every record sent was read and left as exactly one of the four. */
    public boolean addsUp() {
      return read == sent && read == used + duplicate + late + failed;
    }
  }

  /**
   * State measured while the paced source holds with every session open.
   *
   * @param activeSessions sessions open
   * @param checkpointBytes bytes of a native savepoint (the same bytes as a full checkpoint)
   * @param heapUsed heap in use after GC
   * @param heapDelta heap in use after GC above the baseline before the run
   */
  public record StateSize(
      long activeSessions, long checkpointBytes, long heapUsed, long heapDelta) {

    /** {@code bytes} per open session, rounded; 0 when none is open. */
    public long perSession(long bytes) {
      return activeSessions == 0 ? 0 : Math.round((double) bytes / activeSessions);
    }
  }
}
