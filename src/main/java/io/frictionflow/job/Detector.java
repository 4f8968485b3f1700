package io.frictionflow.job;

import io.frictionflow.pattern.PatternSpec;
import java.io.Serializable;
import java.util.List;

/**
 * One pattern as the job runs it.
 *
 * @param sessionPrefixes when not empty, only sessions whose id starts with one of these reach the
 *     pattern (used by {@code validate} to run each example under its own parameters)
 * @param stateSuffix appended to the pattern's state names in the detector ({@code
 *     detect.HostedPattern}); empty in production
 */
public record Detector(PatternSpec spec, List<String> sessionPrefixes, String stateSuffix)
    implements Serializable {

  /** The production form: every session, plain state names. */
  public static Detector of(PatternSpec spec) {
    return new Detector(spec, List.of(), "");
  }
}
