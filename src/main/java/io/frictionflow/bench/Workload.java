package io.frictionflow.bench;

import io.frictionflow.sample.SessionGenerator;
import io.frictionflow.sample.SessionStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * The bench workload: seeded generated sessions, interleaved in event time (ties keep generation
 * order, as {@link SessionGenerator#interleave} does) and written as JSON lines as they are
 * generated ({@link SessionStream}: a merge of per-session generators, memory per open session, not
 * per event), so a million sessions fit in the launcher's default heap.
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
    SessionStream stream = new SessionStream(seed, START, sessions, friction, spreadMillis);
    long first = 0;
    long last = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (stream.hasNext()) {
        SessionStream.Generated g = stream.next();
        if (stream.taken() == 1) {
          first = g.ts();
        }
        last = g.ts();
        w.write(g.json());
        w.write('\n');
      }
    }
    int peak = peakConcurrent(stream.firstEventTimes(), stream.lastEventTimes());
    return new Workload(stream.taken(), sessions, peak, last - first);
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
