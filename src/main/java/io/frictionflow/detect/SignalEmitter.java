package io.frictionflow.detect;

import io.frictionflow.event.Event;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.signal.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.TimestampedCollector;

/**
 * Turns what the hosted automata emit into signals on the detector's output ({@link MatchToSignal},
 * counting matches per pattern), stamped with the event time at which they were emitted. In eager
 * mode it remembers, per session in flight, the ids it emitted, so that a roll-back that feeds the
 * flight again emits no signal twice.
 */
final class SignalEmitter implements HostedNfa.Emitter {
  private final TimestampedCollector<Signal> out;
  private final Map<String, Counter> matches;
  private final boolean eager;

  /** The session being processed, or null. */
  SessionProgress session;

  SignalEmitter(TimestampedCollector<Signal> out, Map<String, Counter> matches, boolean eager) {
    this.out = out;
    this.matches = matches;
    this.eager = eager;
  }

  @Override
  public void match(HostedNfa nfa, Map<String, List<Event>> match, long timestamp) {
    if (emit(nfa.pattern.spec(), match, "match", timestamp)) {
      matches.get(nfa.pattern.spec().id()).inc();
    }
  }

  @Override
  public void timeout(HostedNfa nfa, Map<String, List<Event>> match, long timestamp) {
    if (nfa.pattern.spec().emitTimeouts()) {
      emit(nfa.pattern.spec(), match, "timeout", timestamp);
    }
  }

  private boolean emit(PatternSpec spec, Map<String, List<Event>> match, String kind, long ts) {
    Instant now = Instant.now();
    Signal signal =
        MatchToSignal.toSignal(
            spec,
            match,
            kind,
            now.toEpochMilli(),
            now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
    if (eager && session != null) {
      if (session.emitted.contains(signal.signalId())) {
        return false;
      }
      session.emitted.add(signal.signalId());
    }
    out.setAbsoluteTimestamp(ts);
    out.collect(signal);
    return true;
  }
}
