package io.frictionflow.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per session: {@code rate} events per second on average, {@code burst} at once. At
 * most {@code maxSessions} buckets are held; past that the least recently used is dropped (its
 * session starts again with a full bucket). Each gateway instance limits on its own.
 */
public final class SessionRates {
  private final double rate;
  private final int burst;
  private final Map<String, double[]> buckets; // session -> {tokens, last refill nanos}

  public SessionRates(double rate, int burst, int maxSessions) {
    this.rate = rate;
    this.burst = burst;
    this.buckets =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, double[]> e) {
            return size() > maxSessions;
          }
        };
  }

  /** The largest batch a session can ever send at once. */
  public int burst() {
    return burst;
  }

  /**
   * Takes {@code events} tokens of {@code session}'s bucket when it holds them.
   *
   * @return 0 when taken, else the whole seconds to wait before the batch would fit
   */
  public long take(String session, int events, long nowNanos) {
    synchronized (buckets) {
      double[] b = buckets.computeIfAbsent(session, s -> new double[] {burst, nowNanos});
      double tokens = Math.min(burst, b[0] + (nowNanos - b[1]) / 1e9 * rate);
      b[1] = nowNanos;
      if (tokens >= events) {
        b[0] = tokens - events;
        return 0;
      }
      b[0] = tokens;
      return Math.max(1, (long) Math.ceil((events - tokens) / rate));
    }
  }
}
