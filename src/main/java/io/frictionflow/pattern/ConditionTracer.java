package io.frictionflow.pattern;

import io.frictionflow.event.Event;
import java.util.List;

/**
 * Hears every evaluation of a stage's condition by the compiled FlinkCEP automaton: what {@code
 * frictionflow explain} uses to tell which event entered which stage and which condition rejected
 * one. The job compiles without one ({@link #NONE}); its conditions then run as before, with one
 * null check more.
 */
@FunctionalInterface
public interface ConditionTracer {
  /** The tracer that hears nothing: the job's. */
  ConditionTracer NONE = e -> {};

  /** Which of a stage's conditions was evaluated. */
  enum Role {
    /** The stage's {@code where}: whether the event can be taken by (or, absent, ends) it. */
    WHERE,
    /** The stage's {@code until}: whether the event stops the looping stage. */
    UNTIL
  }

  /**
   * One evaluation.
   *
   * @param stage the stage's name
   * @param stageIndex its position in the pattern
   * @param absent whether the stage is an absence (then holding ends the partial match)
   * @param event the event evaluated
   * @param partial the events already in the partial match it was evaluated for, in stage order
   * @param held the condition's result
   * @param condition the condition that decided it, as text (the first part of an {@code all} that
   *     failed, else the whole)
   * @param observed what that condition saw in the event (a field's value, a distance, a time)
   */
  record Evaluation(
      String stage,
      int stageIndex,
      boolean absent,
      Role role,
      Event event,
      List<Event> partial,
      boolean held,
      String condition,
      String observed) {}

  /** Called once per evaluation, while FlinkCEP evaluates it. */
  void evaluated(Evaluation evaluation);
}
