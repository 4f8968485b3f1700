package io.frictionflow.signal;

import java.util.List;

/**
 * One detection: a pattern match, an intent threshold crossing or a session end (see {@code
 * docs/signals.md}).
 *
 * @param signalId deterministic ({@link SignalIds}): for a pattern signal a hash of pattern id
 *     (with {@code /<kind>} for a {@code timeout}) and version, session id and every matched event
 *     id, so a replay or a re-emission after failover yields the same id; for {@code intent} the
 *     crossing event's id, for {@code session_end} the session's start time and event count
 * @param kind {@code match}; {@code timeout} (a partial match that ran out of time, for patterns
 *     that ask for them); {@code intent} (the intent score crossed the threshold); {@code
 *     session_end} (the session ended: idle for the session timeout or at its maximum length)
 * @param patternId the pattern's id; {@code intent} or {@code session_end} for those kinds
 * @param severity the pattern's severity; {@code info} for {@code intent} and {@code session_end}
 * @param detectedAt wall clock at detection, epoch ms
 * @param firstEventTime event time of the first matched event; of the crossing event for {@code
 *     intent}; of the session's first event for {@code session_end}
 * @param lastEventTime event time of the last matched event, also for a pattern that ends in an
 *     absence (it is emitted when its window closes, after this time: see {@code
 *     FirePolicy.emittedAt}); of the crossing event for {@code intent}; of the session's latest
 *     event for {@code session_end}
 * @param eventIds matched events in event-time order; the crossing event for {@code intent}; empty
 *     for {@code session_end}
 * @param intentScore purchase-intent probability at detection, or null when scoring is off
 * @param context the session context at detection as a JSON object (already redacted), or null
 * @param decidedAtMicros wall clock when the deciding event entered the job; for a pattern that
 *     ends in an absence and for a timeout, when the match was made (the deciding moment is the
 *     window closing, not an event); for {@code session_end}, when the session ended (not
 *     serialized; for the detection-delay metric)
 */
public record Signal(
    String signalId,
    String kind,
    String patternId,
    int patternVersion,
    String sessionId,
    String severity,
    long detectedAt,
    long firstEventTime,
    long lastEventTime,
    List<String> eventIds,
    Double intentScore,
    String context,
    long decidedAtMicros) {

  /** A copy carrying the session's {@code score} and {@code context}. */
  public Signal withSession(Double score, String contextJson) {
    return new Signal(
        signalId,
        kind,
        patternId,
        patternVersion,
        sessionId,
        severity,
        detectedAt,
        firstEventTime,
        lastEventTime,
        eventIds,
        score,
        contextJson,
        decidedAtMicros);
  }
}
