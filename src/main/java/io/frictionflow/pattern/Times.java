package io.frictionflow.pattern;

/**
 * How often a stage repeats.
 *
 * @param min the fewest events the stage takes, at least 1
 * @param max the most, or {@link #OPEN} for open-ended
 */
record Times(int min, int max) {
  /** The {@code max} of an open-ended stage ({@code one_or_more}, {@code times.at_least}). */
  static final int OPEN = -1;

  /** Exactly once: a stage without a quantifier, and the value after an error. */
  static final Times ONCE = new Times(1, 1);

  /** Whether the stage takes more than one event. */
  boolean looping() {
    return max != 1;
  }
}
