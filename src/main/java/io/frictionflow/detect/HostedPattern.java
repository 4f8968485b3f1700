package io.frictionflow.detect;

import io.frictionflow.event.Event;
import io.frictionflow.pattern.PatternSpec;
import java.io.Serializable;
import java.util.List;

/**
 * One pattern as the detector hosts it.
 *
 * @param sessionPrefixes when not empty, only sessions whose id starts with one of these reach the
 *     pattern (example runs give each example its own sessions)
 * @param stateSuffix appended to the pattern's state names; empty in production
 */
public record HostedPattern(PatternSpec spec, List<String> sessionPrefixes, String stateSuffix)
    implements Serializable {

  /** The production form: every session, plain state names. */
  public static HostedPattern of(PatternSpec spec) {
    return new HostedPattern(spec, List.of(), "");
  }

  /**
   * The prefix of the pattern's automaton state, {@code cep-<id>-v<state_version>}: what the CEP
   * operator's uid was, so a state-version bump loses only this pattern's partial matches.
   */
  public String statePrefix() {
    return spec.uid() + stateSuffix;
  }

  /** The name of the pattern's fire-policy state. */
  public String fireStateName() {
    return "fire-" + spec.id() + "-v" + spec.stateVersion() + stateSuffix;
  }

  /** Whether the pattern listens to {@code session}. */
  public boolean selectsSession(String session) {
    if (sessionPrefixes.isEmpty()) {
      return true;
    }
    for (String p : sessionPrefixes) {
      if (session.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code e} reaches the pattern: one of its {@code on:} types, in one of its sessions.
   */
  public boolean selects(Event e) {
    return spec.on().contains(e.type()) && selectsSession(e.sessionId());
  }
}
