package io.frictionflow.pattern;

import java.io.Serializable;
import java.time.Duration;

/**
 * How often a pattern may fire in one session.
 *
 * @param mode every match, once per incident (overlapping matches are one incident), or once per
 *     session
 * @param cooldown after a signal, further signals of this pattern in the session are held back for
 *     this long (event time), or null
 */
public record FireSpec(Mode mode, Duration cooldown) implements Serializable {
  /** Fire modes. */
  public enum Mode {
    EVERY_MATCH,
    ONCE_PER_INCIDENT,
    ONCE_PER_SESSION
  }
}
