package io.frictionflow.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the detector keeps per session besides the patterns' own state: one value, read and written
 * once per event. A Flink POJO.
 */
public final class SessionProgress {
  /** Newest event time fed to the automata (eager mode), or {@link Long#MIN_VALUE}. */
  public long fed = Long.MIN_VALUE;

  /** Newest event time of the session that reached the detector. */
  public long lastTime = Long.MIN_VALUE;

  /** The event time at which the session's state is cleared if no event comes before. */
  public long end = Long.MIN_VALUE;

  /** Event times with events waiting in the element buffer, ascending (strict mode). */
  public long[] pending = new long[0];

  /** State prefixes of the patterns that have partial matches in the session. */
  public List<String> active = new ArrayList<>();

  /**
   * Of {@link #active}, the earliest event time at which time passing changes the pattern (its
   * first partial match's window end); a pattern is advanced at a timer only from then.
   */
  public Map<String, Long> due = new HashMap<>();

  /**
   * Event times of the events fed eagerly since the patterns' base copies were taken, ascending
   * (eager mode; the events are in the flight buffer until the watermark passes {@link #fed}).
   */
  public long[] flight = new long[0];

  /** How many events the flight buffer holds. */
  public int flightCount;

  /** An event older than this cannot be rolled back to any more: it is late. */
  public long baseTime = Long.MIN_VALUE;

  /** State prefixes of the patterns touched since the flight began (they have a base). */
  public List<String> based = new ArrayList<>();

  /** Of {@link #based}, those that had partial matches then (their base copy holds state). */
  public List<String> baseActive = new ArrayList<>();

  /** Ids of the signals emitted since the flight began, so that a replay emits none twice. */
  public List<String> emitted = new ArrayList<>();

  public SessionProgress() {}

  /** {@code a} (ascending, distinct) with {@code v} in its place. */
  static long[] insertSorted(long[] a, long v) {
    int i = Arrays.binarySearch(a, v);
    if (i >= 0) {
      return a;
    }
    int at = -i - 1;
    long[] out = new long[a.length + 1];
    System.arraycopy(a, 0, out, 0, at);
    out[at] = v;
    System.arraycopy(a, at, out, at + 1, a.length - at);
    return out;
  }
}
