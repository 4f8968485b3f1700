package io.frictionflow.pattern;

import io.frictionflow.event.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * Adapts a {@link Condition} to FlinkCEP. The partial match is read only when the condition refers
 * to it, because {@code getEventsForPattern} materializes events from the shared buffer. With a
 * {@link ConditionTracer} ({@code explain} only) every evaluation is reported with the partial
 * match and the part of the condition that decided it; without one (the job) nothing more is done.
 */
final class StageCondition extends IterativeCondition<Event> {
  private final Condition condition;
  private final List<String> stages;
  private final int stageIndex;
  private final boolean readsMatch;

  /** Null on the job's path; not part of the serialized form. */
  private final transient ConditionTracer tracer;

  private final ConditionTracer.Role role;
  private final boolean absent;

  StageCondition(
      Condition condition,
      List<String> stages,
      int stageIndex,
      ConditionTracer tracer,
      ConditionTracer.Role role,
      boolean absent) {
    this.condition = condition;
    this.stages = stages;
    this.stageIndex = stageIndex;
    this.readsMatch = condition.readsMatch();
    this.tracer = tracer == ConditionTracer.NONE ? null : tracer;
    this.role = role;
    this.absent = absent;
  }

  @Override
  public boolean filter(Event value, Context<Event> ctx) throws Exception {
    if (tracer != null) {
      return traced(value, ctx);
    }
    return condition.test(value, readsMatch ? new ContextView(ctx) : MatchView.EMPTY);
  }

  private boolean traced(Event value, Context<Event> ctx) {
    ContextView view = new ContextView(ctx);
    boolean held = condition.test(value, readsMatch ? view : MatchView.EMPTY);
    List<Event> partial = new ArrayList<>();
    for (String s : stages) {
      view.eventsOf(s).forEach(partial::add);
    }
    ConditionText.Decided d =
        ConditionText.decided(condition, value, readsMatch ? view : MatchView.EMPTY, held);
    tracer.evaluated(
        new ConditionTracer.Evaluation(
            stages.get(stageIndex),
            stageIndex,
            absent,
            role,
            value,
            partial,
            held,
            d.condition(),
            d.observed()));
    return held;
  }

  /** A lazy view of FlinkCEP's partial match for one evaluation. */
  private final class ContextView implements MatchView {
    private final Context<Event> ctx;

    ContextView(Context<Event> ctx) {
      this.ctx = ctx;
    }

    @Override
    public Event previous() {
      for (int i = stageIndex; i >= 0; i--) {
        Event last = lastOf(stages.get(i));
        if (last != null) {
          return last;
        }
      }
      return null;
    }

    @Override
    public Event first() {
      for (int i = 0; i <= stageIndex; i++) {
        Iterator<Event> it = events(stages.get(i)).iterator();
        if (it.hasNext()) {
          return it.next();
        }
      }
      return null;
    }

    @Override
    public Event lastOf(String stage) {
      Event last = null;
      for (Event e : events(stage)) {
        last = e;
      }
      return last;
    }

    @Override
    public int countOf(String stage) {
      int n = 0;
      for (Event ignored : events(stage)) {
        n++;
      }
      return n;
    }

    @Override
    public Iterable<Event> eventsOf(String stage) {
      return events(stage);
    }

    private Iterable<Event> events(String stage) {
      try {
        return ctx.getEventsForPattern(stage);
      } catch (Exception e) {
        throw new IllegalStateException("cannot read partial match of stage " + stage, e);
      }
    }
  }
}
