package io.frictionflow.job;

import io.frictionflow.pattern.PatternSpec;
import java.io.Serializable;
import java.util.List;

/**
 * One pattern as the job runs it.
 *
 * @param sessionPrefixes when not empty, only sessions whose id starts with one of these reach the
 *     pattern (used by {@code validate} to run each example under its own parameters)
 * @param uidSuffix appended to the pattern's uids; empty in production
 */
public record Detector(PatternSpec spec, List<String> sessionPrefixes, String uidSuffix)
    implements Serializable {

  /** The production form: every session, plain uids. */
  public static Detector of(PatternSpec spec) {
    return new Detector(spec, List.of(), "");
  }
}
