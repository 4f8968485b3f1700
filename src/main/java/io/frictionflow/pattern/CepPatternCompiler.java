package io.frictionflow.pattern;

import io.frictionflow.event.Event;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.WithinType;

/**
 * Compiles a resolved {@link PatternSpec} to a FlinkCEP {@link Pattern}. Plain Java: FlinkCEP's
 * pattern model needs no running cluster, so this is tested directly.
 */
public final class CepPatternCompiler {
  private CepPatternCompiler() {}

  /** The FlinkCEP pattern for {@code spec}; stage names become NFA state names. */
  public static Pattern<Event, Event> compile(PatternSpec spec) {
    return compile(spec, ConditionTracer.NONE);
  }

  /**
   * The FlinkCEP pattern for {@code spec}, whose stage conditions report every evaluation to {@code
   * tracer} ({@code explain}); with {@link ConditionTracer#NONE}, the job's pattern.
   */
  public static Pattern<Event, Event> compile(PatternSpec spec, ConditionTracer tracer) {
    List<String> names = spec.stageNames();
    Pattern<Event, Event> p = null;
    for (int i = 0; i < spec.stages().size(); i++) {
      StageSpec s = spec.stages().get(i);
      if (p == null) {
        p = Pattern.begin(s.name(), skip(spec.skip()));
      } else if (s.absent()) {
        p =
            s.follows() == StageSpec.Follows.STRICT
                ? p.notNext(s.name())
                : p.notFollowedBy(s.name());
      } else {
        p =
            switch (s.follows()) {
              case STRICT -> p.next(s.name());
              case RELAXED -> p.followedBy(s.name());
              case ANY -> p.followedByAny(s.name());
            };
      }
      p =
          p.where(
              new StageCondition(
                  s.where(), names, i, tracer, ConditionTracer.Role.WHERE, s.absent()));
      if (s.maxTimes() == -1) {
        p = s.minTimes() <= 1 ? p.oneOrMore() : p.timesOrMore(s.minTimes());
      } else if (s.minTimes() != 1 || s.maxTimes() != 1) {
        p =
            s.minTimes() == s.maxTimes()
                ? p.times(s.minTimes())
                : p.times(s.minTimes(), s.maxTimes());
      }
      if (s.optional()) {
        p = p.optional();
      }
      if (s.greedy()) {
        p = p.greedy();
      }
      if (s.consecutive()) {
        p = p.consecutive();
      }
      if (s.allowCombinations()) {
        p = p.allowCombinations();
      }
      if (s.until() != null) {
        p =
            p.until(
                new StageCondition(
                    s.until(), names, i, tracer, ConditionTracer.Role.UNTIL, s.absent()));
      }
      if (s.within() != null) {
        p = p.within(s.within(), WithinType.PREVIOUS_AND_CURRENT);
      }
    }
    if (spec.window() != null) {
      p = p.within(spec.window(), WithinType.FIRST_AND_LAST);
    }
    return p;
  }

  /**
   * Compiles and builds the NFA once, so that what FlinkCEP itself rejects is found when the
   * catalog loads rather than when the job starts.
   *
   * @return FlinkCEP's complaint, or null when the pattern is accepted
   */
  public static String check(PatternSpec spec) {
    try {
      NFACompiler.compileFactory(compile(spec), spec.emitTimeouts()).createNFA();
      return null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  private static AfterMatchSkipStrategy skip(SkipSpec s) {
    return switch (s.kind()) {
      case NO_SKIP -> AfterMatchSkipStrategy.noSkip();
      case TO_NEXT -> AfterMatchSkipStrategy.skipToNext();
      case PAST_LAST_EVENT -> AfterMatchSkipStrategy.skipPastLastEvent();
      case TO_FIRST -> AfterMatchSkipStrategy.skipToFirst(s.stage());
      case TO_LAST -> AfterMatchSkipStrategy.skipToLast(s.stage());
    };
  }
}
