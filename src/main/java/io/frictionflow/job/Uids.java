package io.frictionflow.job;

/**
 * Operator uids: stable kebab names that savepoints map state to. Changing one orphans that
 * operator's state; the checked-in list in the tests makes such a change a conscious one. The
 * detector's uids ({@code detect}, {@code detect-fire}) are {@code detect.Detection}'s; a pattern's
 * state lives inside them under names that carry its state version (see docs/architecture.md).
 */
public final class Uids {
  public static final String DECODE = "decode";
  public static final String EVENT_TIME = "event-time";
  public static final String ROUTE_FAILED = "route-failed";
  public static final String REDACT_LATE = "redact-late";
  public static final String DEDUPE = "dedupe";

  /** rrweb input only (not in the default graph): rejected records split from events. */
  public static final String RRWEB_SPLIT = "rrweb-split";

  /** rrweb input only (not in the default graph): each session's node tree, keyed state. */
  public static final String RRWEB_TREE = "rrweb-tree";

  public static final String SESSION = "session";
  public static final String KAFKA_CONTEXT = "kafka-session-context-sink";
  public static final String KAFKA_SOURCE = "kafka-events-source";
  public static final String KAFKA_SIGNALS = "kafka-signals-sink";
  public static final String KAFKA_SIGNALS_FAST = "kafka-signals-fast-sink";
  public static final String KAFKA_FAILED = "kafka-events-failed-sink";
  public static final String KAFKA_LATE = "kafka-events-late-sink";

  /** Only with a patterns topic: the pattern updates the detector applies while it runs. */
  public static final String KAFKA_PATTERNS_SOURCE = "kafka-patterns-source";

  /** Only with a patterns topic: what the detector did with each pattern update. */
  public static final String KAFKA_PATTERN_STATUS = "kafka-pattern-status-sink";

  public static final String KAFKA_UNDELIVERED = "kafka-signals-undelivered-sink";
  public static final String UNDELIVERED_OUTPUT = "undelivered-output";
  public static final String SIGNAL_OUTPUT = "signal-output";
  public static final String FAILED_OUTPUT = "failed-output";
  public static final String LATE_OUTPUT = "late-output";

  /** Only in a local run with {@code --watch}: the watched patterns directory's updates. */
  public static final String PATTERNS_DIR_SOURCE = "patterns-dir-source";

  /** Only in a local run with {@code --watch}: the looping replay of the demo's sample. */
  public static final String EVENTS_REPLAY = "events-replay";

  /** Only in a local run with {@code --watch}: the pattern statuses, collected. */
  public static final String PATTERN_STATUS_OUTPUT = "pattern-status-output";

  private Uids() {}
}
