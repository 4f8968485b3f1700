package io.frictionflow.detect;

/**
 * What the running detector did with one pattern update ({@link io.frictionflow.pattern
 * PatternUpdate}): the record of the pattern-status topic. A Flink POJO (a record).
 *
 * @param patternId the pattern the update was for
 * @param version the file's {@code version}, or 0 when it could not be read (or for a removal)
 * @param stateVersion the file's {@code state_version}, or 0 likewise
 * @param status {@value #APPLIED}, {@value #REMOVED} or {@value #REJECTED}
 * @param reason what was applied, or why not (file, line, field and reason)
 * @param time wall clock when the detector decided, epoch ms
 * @param catalogVersion the detector's catalog version after the update: how many updates it has
 *     applied since the job first started (rejected ones do not count)
 */
public record PatternStatus(
    String patternId,
    int version,
    int stateVersion,
    String status,
    String reason,
    long time,
    long catalogVersion) {
  /** The update runs now. */
  public static final String APPLIED = "applied";

  /** The pattern no longer runs (a removal, or a file that turns it off). */
  public static final String REMOVED = "removed";

  /** The update was refused; the previous version keeps running. */
  public static final String REJECTED = "rejected";
}
