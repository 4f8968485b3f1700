package io.frictionflow.bench;

import io.frictionflow.sample.SessionGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * The bench workload: seeded generated sessions, interleaved in event time (ties keep generation
 * order, as {@link SessionGenerator#interleave} does) and written as JSON lines. Holds one line per
 * event while sorting, not the sessions' JSON trees, so 100k sessions fit in a few GiB of heap.
 *
 * @param events events written
 * @param sessions sessions generated
 * @param peakConcurrent the most sessions open at once in event time (first to last event)
 * @param eventTimeSpanMs event time from the first to the last event
 */
public record Workload(long events, int sessions, int peakConcurrent, long eventTimeSpanMs) {
  /** Event time of the first session start; fixed so the workload depends on the seed alone. */
  public static final long START = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();

  /** Generates the workload into {@code file}. */
  public static Workload write(
      Path file, long seed, int sessions, double friction, long spreadMillis) throws IOException {
    SessionGenerator gen = new SessionGenerator(seed, START);
    int capacity = Math.max(16, sessions * 64);
    long[] ts = new long[capacity];
    String[] lines = new String[capacity];
    long[] starts = new long[sessions];
    long[] ends = new long[sessions];
    int[] n = {0, 0};
    long[][] tsRef = {ts};
    String[][] linesRef = {lines};
    gen.sessions(
        sessions,
        friction,
        spreadMillis,
        s -> {
          long first = Long.MAX_VALUE;
          long last = Long.MIN_VALUE;
          for (var e : s.events()) {
            if (n[0] == tsRef[0].length) {
              tsRef[0] = Arrays.copyOf(tsRef[0], n[0] * 2);
              linesRef[0] = Arrays.copyOf(linesRef[0], n[0] * 2);
            }
            long t = e.get("ts").asLong();
            tsRef[0][n[0]] = t;
            linesRef[0][n[0]] = e.toString();
            n[0]++;
            first = Math.min(first, t);
            last = Math.max(last, t);
          }
          starts[n[1]] = first;
          ends[n[1]] = last;
          n[1]++;
        });
    int count = n[0];
    long[] times = tsRef[0];
    String[] text = linesRef[0];
    // Sort positions by (ts, generation order): stable, like SessionGenerator.interleave.
    long[] keys = new long[count];
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
      keys[i] = times[i];
    }
    Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Long.compare(keys[a], keys[b]) : a - b);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        w.write(text[order[i]]);
        w.write('\n');
        text[order[i]] = null;
      }
    }
    long span = count == 0 ? 0 : keys[order[count - 1]] - keys[order[0]];
    return new Workload(count, sessions, peakConcurrent(starts, ends), span);
  }

  /** The most intervals {@code [start, end]} that overlap at one instant. */
  public static int peakConcurrent(long[] starts, long[] ends) {
    long[] s = starts.clone();
    long[] e = ends.clone();
    Arrays.sort(s);
    Arrays.sort(e);
    int open = 0;
    int peak = 0;
    int j = 0;
    for (long start : s) {
      while (j < e.length && e[j] < start) {
        j++;
        open--;
      }
      open++;
      peak = Math.max(peak, open);
    }
    return peak;
  }

  /**
   * {@code line} (one generated event) with its top-level {@code ts} set to {@code ts}. The
   * generator writes {@code event_id}, {@code session_id}, {@code type} and then {@code ts}, none
   * of which can contain the text {@code "ts":}, so the first occurrence is the field.
   */
  public static String withTimestamp(String line, long ts) {
    int at = line.indexOf("\"ts\":");
    if (at < 0) {
      throw new IllegalArgumentException("no ts field: " + line);
    }
    int from = at + 5;
    int to = from;
    while (to < line.length() && (Character.isDigit(line.charAt(to)) || line.charAt(to) == '-')) {
      to++;
    }
    return line.substring(0, from) + ts + line.substring(to);
  }
}
