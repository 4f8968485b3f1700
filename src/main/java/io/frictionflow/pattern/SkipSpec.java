package io.frictionflow.pattern;

import java.io.Serializable;
import java.util.Locale;

/**
 * The after-match skip strategy.
 *
 * @param kind which strategy; see {@link Kind}
 * @param stage the stage for {@link Kind#TO_FIRST} and {@link Kind#TO_LAST}, else null
 */
public record SkipSpec(Kind kind, String stage) implements Serializable {
  /** FlinkCEP's default. */
  public static final SkipSpec NO_SKIP = new SkipSpec(Kind.NO_SKIP, null);

  /** The strategies a pattern file's {@code skip:} names; {@link #toString} is its spelling. */
  public enum Kind {
    /** Keep every match, overlapping or not ({@code no_skip}). */
    NO_SKIP,
    /** Drop the other matches that start with the same event ({@code to_next}). */
    TO_NEXT,
    /** Drop the matches that began inside this one ({@code past_last_event}). */
    PAST_LAST_EVENT,
    /** Resume at the first event of a stage ({@code to_first: STAGE}). */
    TO_FIRST,
    /** Resume at the last event of a stage ({@code to_last: STAGE}). */
    TO_LAST;

    /** The pattern file's spelling, e.g. {@code past_last_event}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
