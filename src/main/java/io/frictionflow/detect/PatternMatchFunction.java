package io.frictionflow.detect;

import io.frictionflow.event.Event;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.signal.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** Hosts {@link MatchToSignal} in the CEP operator of one pattern; counts matches. */
public class PatternMatchFunction extends PatternProcessFunction<Event, Signal> {
  protected final PatternSpec spec;
  private transient Counter matches;

  protected PatternMatchFunction(PatternSpec spec) {
    this.spec = spec;
  }

  /** The function for {@code spec}: with a timeout handler only when the pattern asks for it. */
  public static PatternMatchFunction of(PatternSpec spec) {
    return spec.emitTimeouts() ? new WithTimeouts(spec) : new PatternMatchFunction(spec);
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    super.open(openContext);
    matches =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("frictionflow")
            .addGroup("pattern", spec.id())
            .counter("matches");
  }

  @Override
  public void processMatch(Map<String, List<Event>> match, Context ctx, Collector<Signal> out) {
    matches.inc();
    out.collect(signal(match, "match"));
  }

  protected Signal signal(Map<String, List<Event>> match, String kind) {
    Instant now = Instant.now();
    return MatchToSignal.toSignal(
        spec,
        match,
        kind,
        now.toEpochMilli(),
        now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
  }

  /** Also turns partial matches cut by the window into {@code timeout} signals. */
  static final class WithTimeouts extends PatternMatchFunction
      implements TimedOutPartialMatchHandler<Event> {
    WithTimeouts(PatternSpec spec) {
      super(spec);
    }

    @Override
    public void processTimedOutMatch(Map<String, List<Event>> match, Context ctx) {
      ctx.output(DetectorTags.TIMEOUTS, signal(match, "timeout"));
    }
  }
}
