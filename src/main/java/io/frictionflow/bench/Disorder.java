package io.frictionflow.bench;

import java.io.Serializable;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Out-of-order input for the paced run ({@code --disorder}), decided per event from the seed and
 * the event id alone, so it is the same for every configuration and needs no state. Events are
 * taken in batches of {@link #BATCH} consecutive events of one session (what a tracker flushes at
 * once; {@code event_id} is {@code <session>-<n>}, n from 1):
 *
 * <ul>
 *   <li><b>Two tabs</b>: in {@code twoTabShare} of sessions every batch but the first is, with
 *       probability 1/2, sent by a second tab of the same session whose flush comes {@code
 *       tabDelay} later (uniform in its range, one delay per batch). Its events keep the time they
 *       happened and arrive after newer events of the first tab: the two streams interleave.
 *   <li><b>Retried batches</b>: {@code retryShare} of batches are sent again {@code retryDelay}
 *       after the first send (uniform in its range), with the same event ids and times, arriving
 *       after newer events: duplicates for dedupe, or late when the copy is behind the watermark.
 * </ul>
 *
 * A delay is how long after it happened an event arrives; the paced source emits events in arrival
 * order and stamps each with the wall clock minus its delay. Pure Java.
 *
 * @param name {@code realistic} or {@code none}
 * @param twoTabShare share of sessions with a second tab
 * @param tabDelayMinMs shortest delay of a second tab's batch
 * @param tabDelayMaxMs longest delay of a second tab's batch
 * @param retryShare share of batches sent twice
 * @param retryDelayMinMs shortest time from a batch's first send to its retry
 * @param retryDelayMaxMs longest time from a batch's first send to its retry
 * @param seed the workload seed
 */
public record Disorder(
    String name,
    double twoTabShare,
    long tabDelayMinMs,
    long tabDelayMaxMs,
    double retryShare,
    long retryDelayMinMs,
    long retryDelayMaxMs,
    long seed)
    implements Serializable {
  /** Consecutive events of one session sent together. */
  public static final int BATCH = 5;

  private static final long TWO_TABS = 0x7ab5L;
  private static final long SECOND_TAB = 0x2d7bL;
  private static final long TAB_DELAY = 0x1f3dL;
  private static final long RETRIED = 0x4e71L;
  private static final long RETRY_DELAY = 0x6c0fL;

  /**
   * {@code realistic}: a fifth of sessions with two tabs, whose second tab's batches arrive 100 ms
   * to 1.5 s late (inside the production out-of-orderness bound of 2 s, so none is late there), and
   * 2% of batches retried 0.5 to 4 s after their first send (the later retries behind a 2 s bound's
   * watermark, so late); {@code none}: every event in order, once.
   *
   * @throws IllegalArgumentException for another name
   */
  public static Disorder of(String name, long seed) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "realistic" -> new Disorder("realistic", 0.2, 100, 1500, 0.02, 500, 4000, seed);
      case "none" -> new Disorder("none", 0, 0, 0, 0, 0, 0, seed);
      default -> throw new IllegalArgumentException("expected realistic or none, got " + name);
    };
  }

  /** How long after it happened the first send of {@code eventId} arrives, ms; 0 for most. */
  public long delayMillis(String eventId) {
    if (twoTabShare <= 0) {
      return 0;
    }
    String session = session(eventId);
    long batch = batch(eventId);
    if (batch == 0
        || draw(session, -1, TWO_TABS) >= twoTabShare
        || draw(session, batch, SECOND_TAB) >= 0.5) {
      return 0;
    }
    return between(tabDelayMinMs, tabDelayMaxMs, draw(session, batch, TAB_DELAY));
  }

  /** How long after it happened the retried copy of {@code eventId} arrives, ms; -1 for none. */
  public long retryMillis(String eventId) {
    if (retryShare <= 0) {
      return -1;
    }
    String session = session(eventId);
    long batch = batch(eventId);
    if (draw(session, batch, RETRIED) >= retryShare) {
      return -1;
    }
    return delayMillis(eventId)
        + between(retryDelayMinMs, retryDelayMaxMs, draw(session, batch, RETRY_DELAY));
  }

  /** The {@code event_id} of a generated JSON line (its first field). */
  public static String eventId(String line) {
    int from = line.indexOf("\"event_id\":\"");
    if (from < 0) {
      throw new IllegalArgumentException("no event_id: " + line);
    }
    from += 12;
    return line.substring(from, line.indexOf('"', from));
  }

  private static String session(String eventId) {
    return eventId.substring(0, eventId.lastIndexOf('-'));
  }

  private static long batch(String eventId) {
    return (Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1)) - 1) / BATCH;
  }

  /** A uniform draw in [0, 1) fixed by the seed, the session, the batch and what it decides. */
  private double draw(String session, long batch, long what) {
    long h = seed * 0x9e3779b97f4a7c15L + session.hashCode();
    h = h * 0xbf58476d1ce4e5b9L + batch;
    return new SplittableRandom(h * 0x94d049bb133111ebL + what).nextDouble();
  }

  private static long between(long min, long max, double u) {
    return min + (long) (u * (max - min + 1));
  }
}
