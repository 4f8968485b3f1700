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
 * @param retriedCopies copies of events that retried batches send again in the paced run ({@link
 *     Disorder}); 0 without disorder
 */
public record Workload(
    long events, int sessions, int peakConcurrent, long eventTimeSpanMs, long retriedCopies) {
  /** Event time of the first session start; fixed so the workload depends on the seed alone. */
  public static final long START = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();

  /** A workload whose paced run has no disorder. */
  public Workload(long events, int sessions, int peakConcurrent, long eventTimeSpanMs) {
    this(events, sessions, peakConcurrent, eventTimeSpanMs, 0);
  }

  /** Generates the workload into {@code file}, its paced run in order. */
  public static Workload write(
      Path file, long seed, int sessions, double friction, long spreadMillis) throws IOException {
    return write(file, seed, sessions, friction, spreadMillis, Disorder.of("none", seed));
  }

  /**
   * Generates the workload into {@code file} and counts the copies that {@code disorder}'s retried
   * batches add to its paced run.
   */
  public static Workload write(
      Path file, long seed, int sessions, double friction, long spreadMillis, Disorder disorder)
      throws IOException {
    boolean retries = disorder.retryShare() > 0;
    long copies = 0;
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
        if (retries && disorder.retryMillis(Disorder.eventId(g.json())) >= 0) {
          copies++;
        }
        w.write(g.json());
        w.write('\n');
      }
    }
    int peak = peakConcurrent(stream.firstEventTimes(), stream.lastEventTimes());
    return new Workload(stream.taken(), sessions, peak, last - first, copies);
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
