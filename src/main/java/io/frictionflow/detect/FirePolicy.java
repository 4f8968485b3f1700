package io.frictionflow.detect;

import io.frictionflow.pattern.FireSpec;
import io.frictionflow.signal.Signal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a match becomes a signal under a pattern's fire policy. Pure: the operator keeps
 * the {@link FireState}.
 *
 * <p>Once per incident: a match that shares an event with the previous match of the pattern in the
 * session continues that incident and is held back. With overlapping matches (no_skip), a burst of
 * clicks yields matches (1,2,3), (2,3,4), ... which chain into one incident, and the first match of
 * the next burst shares nothing with them.
 */
public final class FirePolicy {
  private final FireSpec spec;

  public FirePolicy(FireSpec spec) {
    this.spec = spec;
  }

  /** Whether the policy needs state at all. */
  public boolean stateless() {
    return spec.mode() == FireSpec.Mode.EVERY_MATCH && spec.cooldown() == null;
  }

  /** The decision and the state after it. */
  public record Decision(boolean fire, FireState next) {}

  /** Decides for {@code signal} given the session's {@code state}. */
  public Decision decide(FireState state, Signal signal) {
    boolean fire = true;
    List<String> incident = state.incidentEventIds();
    if (spec.mode() == FireSpec.Mode.ONCE_PER_SESSION && state.firedInSession()) {
      fire = false;
    }
    if (spec.mode() == FireSpec.Mode.ONCE_PER_INCIDENT && overlaps(incident, signal.eventIds())) {
      fire = false;
    }
    if (fire
        && spec.cooldown() != null
        && state.lastFiredTime() != Long.MIN_VALUE
        && signal.lastEventTime() - state.lastFiredTime() < spec.cooldown().toMillis()) {
      fire = false;
    }
    FireState next =
        new FireState(
            signal.eventIds(),
            fire ? signal.lastEventTime() : state.lastFiredTime(),
            state.firedInSession() || fire,
            Math.max(state.lastSeenTime(), signal.lastEventTime()));
    return new Decision(fire, next);
  }

  private static boolean overlaps(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    Set<String> set = new HashSet<>(a);
    for (String s : b) {
      if (set.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
