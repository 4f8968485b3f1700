package io.frictionflow.detect;

import io.frictionflow.pattern.FireSpec;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a match becomes a signal under a pattern's fire policy. Pure: the operator keeps
 * the {@link FireState}.
 *
 * <p>Times are when a match is emitted, in event time ({@link #emittedAt}), not its last present
 * event: a pattern that ends in an absence is emitted only when its window closes, after its last
 * event, so measuring from that event would let a cooldown or a session's memory run out before the
 * next absence match is even emitted (cart-abandonment: adds 25 minutes apart, 10 minute window, 30
 * minute cooldown).
 *
 * <p>Once per incident: a match that shares an event with the previous match of the pattern in the
 * session continues that incident and is held back. With overlapping matches (no_skip), a burst of
 * clicks yields matches (1,2,3), (2,3,4), ... which chain into one incident, and the first match of
 * the next burst shares nothing with them. Once per session and once per incident hold until the
 * pattern has had no match in the session for the session timeout; a cooldown holds for its own
 * length after a signal.
 */
public final class FirePolicy {
  private final FireSpec spec;
  private final long sessionTimeoutMs;
  private final long windowMs;
  private final boolean endsAbsent;

  /**
   * @param sessionTimeout how long without a match of the pattern ends its session's memory
   */
  public FirePolicy(PatternSpec pattern, Duration sessionTimeout) {
    this.spec = pattern.fire();
    this.sessionTimeoutMs = sessionTimeout.toMillis();
    this.windowMs = pattern.window() == null ? -1 : pattern.window().toMillis();
    this.endsAbsent = pattern.stages().get(pattern.stages().size() - 1).absent();
  }

  /**
   * The event time at which FlinkCEP can emit {@code signal}: a match that ends on an event at that
   * event; one that ends in an absence, and a timeout, when the window from its first event closes.
   * This is the timestamp FlinkCEP gives the match when the watermark moves on steadily; it does
   * not depend on how far the watermark happened to jump, so decisions depend on the session alone.
   */
  public long emittedAt(Signal signal) {
    boolean atWindowEnd = endsAbsent || !signal.kind().equals("match");
    return atWindowEnd && windowMs >= 0
        ? Math.max(signal.lastEventTime(), signal.firstEventTime() + windowMs)
        : signal.lastEventTime();
  }

  /** Whether the policy needs state at all. */
  public boolean stateless() {
    return spec.mode() == FireSpec.Mode.EVERY_MATCH && spec.cooldown() == null;
  }

  /** The rule that held a match back. */
  public enum HeldBy {
    /** Not held: the match fires. */
    NONE,
    /** The pattern already fired in this session ({@code once_per_session}). */
    ONCE_PER_SESSION,
    /** The match shares an event with the previous one ({@code once_per_incident}). */
    ONCE_PER_INCIDENT,
    /** The last signal was less than the cooldown ago. */
    COOLDOWN
  }

  /** The decision, the state after it, and what held the match back when it does not fire. */
  public record Decision(boolean fire, FireState next, HeldBy heldBy) {}

  /**
   * Decides for {@code signal}, emitted at event time {@code emittedAt}, given the session's {@code
   * state}.
   */
  public Decision decide(FireState state, Signal signal, long emittedAt) {
    boolean remembered =
        state.lastSeenTime() != Long.MIN_VALUE
            && emittedAt - state.lastSeenTime() < sessionTimeoutMs;
    boolean fire = true;
    HeldBy heldBy = HeldBy.NONE;
    if (remembered && spec.mode() == FireSpec.Mode.ONCE_PER_SESSION && state.firedInSession()) {
      fire = false;
      heldBy = HeldBy.ONCE_PER_SESSION;
    }
    if (remembered
        && spec.mode() == FireSpec.Mode.ONCE_PER_INCIDENT
        && overlaps(state.incidentEventIds(), signal.eventIds())) {
      fire = false;
      heldBy = HeldBy.ONCE_PER_INCIDENT;
    }
    if (fire
        && spec.cooldown() != null
        && state.lastFiredTime() != Long.MIN_VALUE
        && emittedAt - state.lastFiredTime() < spec.cooldown().toMillis()) {
      fire = false;
      heldBy = HeldBy.COOLDOWN;
    }
    FireState next =
        new FireState(
            signal.eventIds(),
            fire ? emittedAt : state.lastFiredTime(),
            (remembered && state.firedInSession()) || fire,
            Math.max(state.lastSeenTime(), emittedAt));
    return new Decision(fire, next, heldBy);
  }

  /**
   * The event time from which {@code state} decides nothing any more (its cooldown is over and the
   * session timeout has passed since the last match), so it can be cleared.
   */
  public long expiry(FireState state) {
    long end = state.lastSeenTime() + sessionTimeoutMs;
    if (spec.cooldown() != null && state.lastFiredTime() != Long.MIN_VALUE) {
      end = Math.max(end, state.lastFiredTime() + spec.cooldown().toMillis());
    }
    return end;
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
