package io.frictionflow.session;

import io.frictionflow.event.Event;
import io.frictionflow.score.FeatureExtractor;
import io.frictionflow.score.IntentModel;
import io.frictionflow.score.IntentScorer;
import io.frictionflow.score.SessionFeatures;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.SignalIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The live session: features and intent score, context, and its end. Input 1: the session's events
 * (after dedupe); input 2: the pattern signals, which leave with the session's current intent score
 * and context.
 *
 * <p>Intent: when the score rises to the threshold an {@code intent} signal fires, once per
 * crossing (again only after the score fell below threshold minus hysteresis). Context: published
 * to {@link #CONTEXT} at most once per publish interval of event time. End: when the session has
 * been idle for the session timeout or reached the maximum length, signals still waiting for the
 * watermark are emitted, a {@code session_end} signal carries the final context, a tombstone goes
 * to {@link #CONTEXT}, and all state is cleared.
 *
 * <p>State per session: {@link SessionFeatures}, {@link SessionContext} (bounded lists), the
 * above-threshold flag, signals waiting for the watermark (briefly); one event-time timer at the
 * session's end, moved as events arrive, and one per waiting signal.
 */
public final class SessionFunction extends KeyedCoProcessFunction<String, Event, Signal, Signal> {
  /** Latest context per session ({@code json} null: the session ended, a tombstone). */
  public static final OutputTag<ContextUpdate> CONTEXT = new OutputTag<>("session-context") {};

  /** The pattern id of intent signals. */
  public static final String INTENT = "intent";

  /** The pattern id of session-end signals. */
  public static final String SESSION_END = "session_end";

  /** One update of the session-context output. */
  public record ContextUpdate(String sessionId, String json) {}

  private final IntentModel model;
  private final double threshold;
  private final double hysteresis;
  private final ContextBuilder contexts;
  private final long timeoutMs;
  private final long maxLengthMs;
  private final long publishEveryMs;
  private final boolean eager;
  private transient IntentScorer scorer;
  private transient ValueState<SessionFeatures> features;
  private transient ValueState<SessionContext> context;
  private transient ValueState<Boolean> above;
  private transient ValueState<Long> endTimer;
  private transient ListState<Signal> pending;
  private transient Counter crossings;
  private transient Counter ended;

  /**
   * @param model the intent model, or null to score nothing
   * @param publishEvery least event time between two context publications of a session
   */
  public SessionFunction(
      IntentModel model,
      double threshold,
      double hysteresis,
      ContextBuilder contexts,
      Duration timeout,
      Duration maxLength,
      Duration publishEvery) {
    this(model, threshold, hysteresis, contexts, timeout, maxLength, publishEvery, false);
  }

  /**
   * @param eager when true (eager detection), a signal leaves as soon as this operator has seen an
   *     event of its session at or after the signal's last event time, instead of when the
   *     watermark passes it
   */
  public SessionFunction(
      IntentModel model,
      double threshold,
      double hysteresis,
      ContextBuilder contexts,
      Duration timeout,
      Duration maxLength,
      Duration publishEvery,
      boolean eager) {
    this.eager = eager;
    this.model = model;
    this.threshold = threshold;
    this.hysteresis = hysteresis;
    this.contexts = contexts;
    this.timeoutMs = timeout.toMillis();
    this.maxLengthMs = maxLength.toMillis();
    this.publishEveryMs = publishEvery.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    scorer = model == null ? null : new IntentScorer(model);
    features =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "session-features", TypeInformation.of(SessionFeatures.class)));
    context =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "session-context", TypeInformation.of(SessionContext.class)));
    above = getRuntimeContext().getState(new ValueStateDescriptor<>("intent-above", Types.BOOLEAN));
    endTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("end-timer", Types.LONG));
    pending =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>("pending-signals", TypeInformation.of(Signal.class)));
    var group = getRuntimeContext().getMetricGroup().addGroup("frictionflow");
    crossings = group.counter("intent_crossings");
    ended = group.counter("sessions_ended");
  }

  @Override
  public void processElement1(Event e, Context ctx, Collector<Signal> out) throws Exception {
    SessionFeatures f = features.value();
    SessionContext c = context.value();
    if (f == null) {
      f = new SessionFeatures();
      c = new SessionContext();
    }
    FeatureExtractor.update(f, e);
    contexts.update(c, e);
    Double score = scorer == null ? null : scorer.score(FeatureExtractor.values(f));
    if (score != null) {
      boolean wasAbove = Boolean.TRUE.equals(above.value());
      if (!wasAbove && score >= threshold) {
        above.update(true);
        crossings.inc();
        out.collect(
            signal(
                SignalIds.of(INTENT, 1, e.sessionId(), e.eventId(), e.eventId()),
                INTENT,
                e.sessionId(),
                e.time(),
                e.time(),
                List.of(e.eventId()),
                score,
                contexts.toJson(c, score).toString(),
                e.ingestedAtMicros()));
      } else if (wasAbove && score < threshold - hysteresis) {
        above.update(false);
      }
    }
    if (c.lastPublished == Long.MIN_VALUE || c.lastTime - c.lastPublished >= publishEveryMs) {
      c.lastPublished = c.lastTime;
      ctx.output(CONTEXT, new ContextUpdate(e.sessionId(), contexts.toJson(c, score).toString()));
    }
    features.update(f);
    context.update(c);
    if (eager) {
      releaseSeen(f.lastTime, out);
    }
    // Rounded up to the second, so that a burst of events moves the timer once.
    long end = (Math.min(f.lastTime + timeoutMs, f.startTime + maxLengthMs) / 1000 + 1) * 1000;
    Long current = endTimer.value();
    if (current == null || current != end) {
      if (current != null) {
        ctx.timerService().deleteEventTimeTimer(current);
      }
      ctx.timerService().registerEventTimeTimer(end);
      endTimer.update(end);
    }
  }

  /**
   * Events and signals come on separate channels, so a signal can overtake the last events of its
   * own match. It is held until the watermark passes its last event: by then every event up to it
   * has arrived on the events input (late events never reach this operator). With eager detection
   * it is held only until an event of its session at or after its last event time has arrived here
   * (usually already so: the signal takes two more operators than the event), so that it leaves
   * within milliseconds; its context then holds the events that arrived by then, which, out of
   * order, may lack one older than its last event that is still on its way.
   */
  @Override
  public void processElement2(Signal s, Context ctx, Collector<Signal> out) throws Exception {
    if (ctx.timerService().currentWatermark() >= s.lastEventTime() || seen(s)) {
      enrich(s, out);
      return;
    }
    pending.add(s);
    ctx.timerService().registerEventTimeTimer(s.lastEventTime());
  }

  /** Eager detection: this operator has seen an event of the session at or after the signal's. */
  private boolean seen(Signal s) throws Exception {
    if (!eager) {
      return false;
    }
    SessionFeatures f = features.value();
    return f != null && f.lastTime >= s.lastEventTime();
  }

  /**
   * Eager detection: the waiting signals whose last event time this operator has now reached leave
   * (their timers stay and find nothing to do).
   */
  private void releaseSeen(long lastTime, Collector<Signal> out) throws Exception {
    List<Signal> later = null;
    for (Signal s : pending.get()) {
      if (later == null) {
        later = new java.util.ArrayList<>();
      }
      if (s.lastEventTime() <= lastTime) {
        enrich(s, out);
      } else {
        later.add(s);
      }
    }
    if (later != null) {
      pending.update(later);
    }
  }

  private void enrich(Signal s, Collector<Signal> out) throws Exception {
    SessionFeatures f = features.value();
    SessionContext c = context.value();
    if (f == null) {
      out.collect(s);
      return;
    }
    FeatureExtractor.recordSignal(f);
    contexts.recordSignal(c, s.patternId());
    features.update(f);
    context.update(c);
    Double score = scorer == null ? null : scorer.score(FeatureExtractor.values(f));
    out.collect(s.withSession(score, contexts.toJson(c, score).toString()));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out) throws Exception {
    List<Signal> waiting = new java.util.ArrayList<>();
    for (Signal s : pending.get()) {
      waiting.add(s);
    }
    List<Signal> later = new java.util.ArrayList<>();
    if (!waiting.isEmpty()) {
      for (Signal s : waiting) {
        if (s.lastEventTime() <= timestamp) {
          enrich(s, out);
        } else {
          later.add(s);
        }
      }
      pending.update(later);
    }
    Long end = endTimer.value();
    if (end == null || timestamp < end) {
      return;
    }
    // The session ends while some signals still wait for the watermark to pass their last event
    // (a session cut at its maximum length, whose later events still arrive): they leave now, with
    // the context the session has, before its end, never cleared with the session's state.
    for (Signal s : later) {
      enrich(s, out);
      ctx.timerService().deleteEventTimeTimer(s.lastEventTime());
    }
    SessionFeatures f = features.value();
    SessionContext c = context.value();
    if (f != null) {
      Double score = scorer == null ? null : scorer.score(FeatureExtractor.values(f));
      String session = ctx.getCurrentKey();
      long now = Instant.now().getEpochSecond() * 1_000_000L;
      out.collect(
          signal(
              SignalIds.of(
                  SESSION_END, 1, session, Long.toString(f.startTime), Long.toString(c.eventCount)),
              SESSION_END,
              session,
              f.startTime,
              f.lastTime,
              List.of(),
              score,
              contexts.toJson(c, score).toString(),
              now));
      ctx.output(CONTEXT, new ContextUpdate(session, null));
      ended.inc();
    }
    features.clear();
    context.clear();
    above.clear();
    endTimer.clear();
    pending.clear();
  }

  private static Signal signal(
      String id,
      String kind,
      String session,
      long firstTime,
      long lastTime,
      List<String> eventIds,
      Double score,
      String ctx,
      long decidedAt) {
    return new Signal(
        id,
        kind,
        kind,
        1,
        session,
        "info",
        Instant.now().toEpochMilli(),
        firstTime,
        lastTime,
        eventIds,
        score,
        ctx,
        decidedAt);
  }
}
