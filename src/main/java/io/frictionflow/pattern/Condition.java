package io.frictionflow.pattern;

import io.frictionflow.event.Event;
import java.io.Serializable;

/**
 * A compiled condition from a pattern file: data evaluated by fixed code, never a script.
 *
 * <p>Conditions that refer to an earlier event of the match (same_as, distance_from, time_since)
 * hold when that event does not exist yet, so that the first event of a repeating stage is not
 * compared with nothing.
 */
@FunctionalInterface
public interface Condition extends Serializable {
  /** Whether {@code e} satisfies the condition given the partial match {@code match}. */
  boolean test(Event e, MatchView match);

  /** Whether this condition reads the partial match (costly to build, so built only if needed). */
  default boolean readsMatch() {
    return false;
  }

  /** The condition that always holds. */
  Condition TRUE = (e, m) -> true;
}
