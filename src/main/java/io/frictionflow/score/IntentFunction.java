package io.frictionflow.score;

import io.frictionflow.event.Event;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.SignalIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores each live session's purchase intent and puts the score on every signal of the session.
 * Input 1: the session's events (after dedupe), which update the features and rescore; input 2: the
 * pattern signals, which get the current score and count as friction features. When the score rises
 * to the threshold an {@code intent} signal fires, once per crossing: it fires again only after the
 * score has fallen below threshold minus the hysteresis.
 *
 * <p>State per session: the {@link SessionFeatures} and whether the score is above the threshold;
 * cleared by an event-time timer once the session has been idle for the session timeout. A signal
 * carries the score of the events the operator has seen when it arrives; pattern signals come after
 * their last event (CEP waits for the watermark), so the score can include a few later events.
 */
public final class IntentFunction extends KeyedCoProcessFunction<String, Event, Signal, Signal> {
  /** The pattern id of intent signals. */
  public static final String PATTERN_ID = "intent";

  private final IntentModel model;
  private final double threshold;
  private final double hysteresis;
  private final long sessionTimeoutMs;
  private transient IntentScorer scorer;
  private transient ValueState<SessionFeatures> features;
  private transient ValueState<Boolean> above;
  private transient Counter crossings;

  public IntentFunction(
      IntentModel model, double threshold, double hysteresis, Duration sessionTimeout) {
    this.model = model;
    this.threshold = threshold;
    this.hysteresis = hysteresis;
    this.sessionTimeoutMs = sessionTimeout.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    scorer = new IntentScorer(model);
    features =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "session-features", TypeInformation.of(SessionFeatures.class)));
    above = getRuntimeContext().getState(new ValueStateDescriptor<>("intent-above", Types.BOOLEAN));
    crossings =
        getRuntimeContext().getMetricGroup().addGroup("frictionflow").counter("intent_crossings");
  }

  @Override
  public void processElement1(Event e, Context ctx, Collector<Signal> out) throws Exception {
    SessionFeatures f = features.value();
    if (f == null) {
      f = new SessionFeatures();
    }
    FeatureExtractor.update(f, e);
    features.update(f);
    ctx.timerService().registerEventTimeTimer((f.lastTime + sessionTimeoutMs) / 1000 * 1000 + 1000);
    double score = scorer.score(FeatureExtractor.values(f));
    boolean wasAbove = Boolean.TRUE.equals(above.value());
    if (!wasAbove && score >= threshold) {
      above.update(true);
      crossings.inc();
      Instant now = Instant.now();
      out.collect(
          new Signal(
              SignalIds.of(PATTERN_ID, 1, e.sessionId(), e.eventId(), e.eventId()),
              "intent",
              PATTERN_ID,
              1,
              e.sessionId(),
              "info",
              now.toEpochMilli(),
              e.time(),
              e.time(),
              List.of(e.eventId()),
              score,
              e.ingestedAtMicros()));
    } else if (wasAbove && score < threshold - hysteresis) {
      above.update(false);
    }
  }

  @Override
  public void processElement2(Signal s, Context ctx, Collector<Signal> out) throws Exception {
    SessionFeatures f = features.value();
    if (f == null) {
      out.collect(s);
      return;
    }
    FeatureExtractor.recordSignal(f);
    features.update(f);
    out.collect(s.withIntentScore(scorer.score(FeatureExtractor.values(f))));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out) throws Exception {
    SessionFeatures f = features.value();
    if (f != null && f.lastTime + sessionTimeoutMs <= timestamp) {
      features.clear();
      above.clear();
    }
  }
}
