package io.frictionflow.pattern;

import java.io.Serializable;
import java.time.Duration;

/**
 * One stage of a pattern.
 *
 * @param follows how this stage follows the previous one; ignored for the first stage
 * @param absent the stage matches when no such event comes (notNext / notFollowedBy)
 * @param minTimes least number of events; 1 for a plain stage
 * @param maxTimes most number of events, or -1 for unbounded
 * @param until stops a looping stage, or null
 * @param within the longest gap from the previous stage's event to this one, or null
 */
public record StageSpec(
    String name,
    Follows follows,
    boolean absent,
    Condition where,
    int minTimes,
    int maxTimes,
    boolean optional,
    boolean greedy,
    boolean consecutive,
    boolean allowCombinations,
    Condition until,
    Duration within)
    implements Serializable {

  /** Whether the stage can take more than one event. */
  public boolean looping() {
    return maxTimes != 1;
  }

  /** How a stage follows the one before it. */
  public enum Follows {
    /** The very next event of the pattern's input (FlinkCEP {@code next}). */
    STRICT,
    /** A later event; non-matching events in between are skipped ({@code followedBy}). */
    RELAXED,
    /** Any later event, also trying alternatives ({@code followedByAny}). */
    ANY
  }
}
