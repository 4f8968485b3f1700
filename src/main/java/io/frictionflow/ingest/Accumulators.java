package io.frictionflow.ingest;

/**
 * Names of the job's accumulators, which the local launcher reads for its summary. Every record
 * read is counted in exactly one of used, duplicate, late and failed.
 */
public final class Accumulators {
  public static final String EVENTS_READ = "events-read";
  public static final String EVENTS_FAILED = "events-failed";
  public static final String EVENTS_LATE = "events-late";
  public static final String EVENTS_DUPLICATE = "events-duplicate";

  /** Events dedupe passed on to the detectors: read = used + duplicate + late + failed. */
  public static final String EVENTS_USED = "events-used";

  private Accumulators() {}
}
