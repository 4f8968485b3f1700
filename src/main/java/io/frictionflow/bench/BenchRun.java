package io.frictionflow.bench;

/**
 * One measured run of the bench.
 *
 * @param mode {@code full} or {@code paced}
 * @param state state backend, {@code heap} or {@code rocksdb}
 * @param patterns patterns enabled
 * @param events events in the workload
 * @param signals signals emitted, session ends included
 * @param runtimeMs the job's net runtime
 * @param eventsPerSecond measured throughput at full speed; the fixed input rate when paced
 * @param rate the fixed input rate when paced, else 0
 * @param delay detection delays, session ends excluded
 * @param size state with every session open; {@code null} at full speed
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
    StateSize size) {

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
