package io.frictionflow.pattern;

import java.io.Serializable;

/**
 * The after-match skip strategy.
 *
 * @param kind no_skip, skip_to_next, skip_past_last_event, skip_to_first, skip_to_last
 * @param stage the stage for skip_to_first and skip_to_last, else null
 */
public record SkipSpec(String kind, String stage) implements Serializable {
  /** FlinkCEP's default. */
  public static final SkipSpec NO_SKIP = new SkipSpec("no_skip", null);
}
