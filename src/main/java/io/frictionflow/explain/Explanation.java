package io.frictionflow.explain;

import java.util.List;
import java.util.Map;

/**
 * What one pattern did with each session of an input, as {@link Explainer} saw it happen in the
 * compiled automaton: the tree that {@link ExplainText} and {@link ExplainJson} print. Times are
 * milliseconds since the session's first event ({@code offset_ms}).
 *
 * @param params every parameter's value in force
 * @param window first to last event of a match, e.g. {@code PT1H}, or null
 * @param fire the fire policy, e.g. {@code once_per_incident} or {@code every_match, cooldown PT5M}
 */
public record Explanation(
    String patternId,
    int version,
    String profile,
    Map<String, Object> params,
    List<String> on,
    List<StageInfo> stages,
    String window,
    String fire,
    List<SessionExplanation> sessions) {

  /** A stage as compiled: its name, whether it is an absence, its {@code where} as text. */
  public record StageInfo(String name, boolean absent, String where) {}

  /**
   * One session.
   *
   * @param start the first event's time, ISO-8601
   * @param events events of the pattern's {@code on:} types fed to it
   * @param entered per stage, the events its condition took (for an absence: none)
   * @param misses the events a stage turned away, one per event, stage and condition, nearest first
   *     (most events already matched)
   * @param pruned partial matches the window (or a stage's {@code within}) cut off
   * @param matches complete matches and what the fire policy did with each
   * @param openAtEnd partial matches still open when the input ended
   * @param pastFirstStage whether a partial match took a second event, or a match completed
   */
  public record SessionExplanation(
      String sessionId,
      String start,
      int events,
      List<StageEntries> entered,
      List<Miss> misses,
      List<Pruned> pruned,
      List<Match> matches,
      int openAtEnd,
      boolean pastFirstStage) {}

  /** The events a stage took. */
  public record StageEntries(String stage, List<EventRef> events) {}

  /** An event by id, type and time in the session. */
  public record EventRef(String eventId, String type, long offsetMs) {}

  /**
   * An event a stage turned away.
   *
   * @param kind {@code rejected} (the stage's condition was false), {@code forbidden} (an absent
   *     stage's condition held: the partial match waiting on it ends) or {@code stopped} (a looping
   *     stage's {@code until} held)
   * @param partial ids of the events already in the nearest partial match it was turned away from
   *     (the one with most events), in stage order
   * @param partialMatches how many partial matches the event was turned away from by this condition
   *     at this stage (one entry per event, stage and condition, however many)
   * @param condition the part of the condition that decided, as text
   * @param observed what it saw in the event
   */
  public record Miss(
      String kind,
      EventRef event,
      String stage,
      List<String> partial,
      int partialMatches,
      String condition,
      String observed) {}

  /**
   * A partial match cut off by time.
   *
   * @param reachedStage the last stage it had events in
   * @param atOffsetMs when it timed out
   * @param cause {@code window} (first to last event) or {@code within} (a stage's own gap)
   */
  public record Pruned(List<String> eventIds, String reachedStage, long atOffsetMs, String cause) {}

  /**
   * A complete match (or a timeout, for a pattern that emits them) and the fire policy's decision.
   *
   * @param kind {@code match} or {@code timeout}
   * @param emittedAtOffsetMs when FlinkCEP emits it (an absence: when the window closes)
   * @param fired whether it became a signal
   * @param heldBy what held it back: {@code once_per_session}, {@code once_per_incident}, {@code
   *     cooldown}; null when fired
   */
  public record Match(
      String kind,
      List<String> eventIds,
      long emittedAtOffsetMs,
      String signalId,
      boolean fired,
      String heldBy) {}
}
