package io.frictionflow.job;

/** Names of the job's accumulators, which the local launcher reads for its summary. */
public final class Accumulators {
  public static final String EVENTS_READ = "events-read";
  public static final String EVENTS_FAILED = "events-failed";
  public static final String EVENTS_LATE = "events-late";
  public static final String EVENTS_DUPLICATE = "events-duplicate";

  private Accumulators() {}
}
