package io.frictionflow.bench;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of delays given in microseconds, reported in milliseconds. Pure Java.
 *
 * @param count how many delays
 * @param p50 median, ms
 * @param p95 ms
 * @param p99 ms
 * @param max ms
 */
public record Percentiles(long count, double p50, double p95, double p99, double max) {

  /** Summarises {@code micros} (not modified). All zeros when it is empty. */
  public static Percentiles ofMicros(long[] micros) {
    long[] d = micros.clone();
    Arrays.sort(d);
    if (d.length == 0) {
      return new Percentiles(0, 0, 0, 0, 0);
    }
    return new Percentiles(
        d.length, rank(d, 0.50), rank(d, 0.95), rank(d, 0.99), d[d.length - 1] / 1000.0);
  }

  /** The smallest value with at least {@code q} of all values at or below it. */
  private static double rank(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
  }
}
