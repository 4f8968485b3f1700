package io.frictionflow.pattern;

import io.frictionflow.event.Event;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * Adapts a {@link Condition} to FlinkCEP. The partial match is read only when the condition refers
 * to it, because {@code getEventsForPattern} materializes events from the shared buffer.
 */
final class StageCondition extends IterativeCondition<Event> {
  private final Condition condition;
  private final List<String> stages;
  private final int stageIndex;
  private final boolean readsMatch;

  StageCondition(Condition condition, List<String> stages, int stageIndex) {
    this.condition = condition;
    this.stages = stages;
    this.stageIndex = stageIndex;
    this.readsMatch = condition.readsMatch();
  }

  @Override
  public boolean filter(Event value, Context<Event> ctx) throws Exception {
    return condition.test(value, readsMatch ? new ContextView(ctx) : MatchView.EMPTY);
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
