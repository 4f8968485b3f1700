package io.frictionflow.detect;

import java.util.List;

/**
 * What a session remembers of one pattern's signals, to apply its fire policy. Times are the event
 * times at which matches were emitted (see {@link FirePolicy}).
 *
 * @param incidentEventIds events of the latest match of the current incident
 * @param lastFiredTime when the last signal let through was emitted, or {@link Long#MIN_VALUE}
 * @param firedInSession whether any signal was let through in this session
 * @param lastSeenTime when the latest match, fired or not, was emitted, or {@link Long#MIN_VALUE}
 */
public record FireState(
    List<String> incidentEventIds, long lastFiredTime, boolean firedInSession, long lastSeenTime) {
  /** The state of a session that has not matched yet. */
  public static final FireState EMPTY =
      new FireState(List.of(), Long.MIN_VALUE, false, Long.MIN_VALUE);
}
