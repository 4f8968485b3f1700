package io.frictionflow.bench;

import io.frictionflow.session.SessionFunction;
import io.frictionflow.signal.Signal;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.CloseableIterator;

/** Detection delay per signal: measured in the job as each signal leaves it, collected here. */
final class SignalDelays {
  private SignalDelays() {}

  /** Signals counted, and the delays (microseconds) of those that have one. */
  record Collected(long signals, long[] delays) {}

  /** Delay per signal in microseconds; -1 for session ends, whose delay is the emit step. */
  static DataStream<Long> of(DataStream<Signal> signals) {
    return signals.map(SignalDelays::delayMicros).uid("bench-delay").name("delay");
  }

  /** Reads {@code it} to its end, then closes it. */
  static Collected collect(CloseableIterator<Long> it) throws Exception {
    long signals = 0;
    long[] d = new long[1024];
    int n = 0;
    try (it) {
      while (it.hasNext()) {
        long v = it.next();
        signals++;
        if (v >= 0) {
          if (n == d.length) {
            d = Arrays.copyOf(d, n * 2);
          }
          d[n++] = v;
        }
      }
    }
    return new Collected(signals, Arrays.copyOf(d, n));
  }

  /**
   * Wall clock at the signal's emission minus wall clock when its deciding event entered the job.
   */
  private static long delayMicros(Signal s) {
    if (SessionFunction.SESSION_END.equals(s.patternId())) {
      return -1;
    }
    Instant now = Instant.now();
    return Math.max(
        0, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - s.decidedAtMicros());
  }
}
