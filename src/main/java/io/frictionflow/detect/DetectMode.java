package io.frictionflow.detect;

/**
 * When the detector feeds an event to the patterns' automata (see docs/architecture.md, "One
 * detector for all patterns").
 */
public enum DetectMode {
  /**
   * An event that arrives in time order for its session is evaluated at once; watermarks only close
   * windows (absences, timeouts) and clear state. An event older than one already evaluated for its
   * session goes to the late output.
   */
  EAGER,
  /**
   * Events wait until the watermark passes them and are evaluated in event-time order, as
   * FlinkCEP's operator does in event time: no match fires before the watermark passes its last
   * event.
   */
  STRICT;

  /** The mode named {@code eager} or {@code strict} (the option's spelling). */
  public static DetectMode of(String name) {
    return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
