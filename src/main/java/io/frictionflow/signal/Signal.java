package io.frictionflow.signal;

import java.util.List;

/**
 * One detection: a pattern match, an intent threshold crossing or a session end (see {@code
 * docs/signals.md}).
 *
 * @param signalId deterministic: hash of pattern id and version, session id and every matched event
 *     id ({@link SignalIds}), so a replay or a re-emission after failover yields the same id
 * @param kind {@code match}, {@code timeout} (a partial match that ran out of time, for patterns
 *     that ask for them), {@code intent}
 * @param detectedAt wall clock at detection, epoch ms
 * @param firstEventTime event time of the first matched event
 * @param lastEventTime event time of the last matched event, or the window end for absence
 * @param eventIds matched events in event-time order
 * @param intentScore purchase-intent probability at detection, or null when scoring is off
 * @param context the session context at detection as a JSON object (already redacted), or null
 * @param decidedAtMicros wall clock when the deciding event entered the job (not serialized; for
 *     the detection-delay metric)
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
