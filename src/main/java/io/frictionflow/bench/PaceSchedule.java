package io.frictionflow.bench;

import java.io.Serializable;
import java.util.Locale;

/**
 * A fixed wall-clock schedule: event {@code i} is due {@code i / rate} seconds after the first, the
 * events taken in the {@link Disorder}'s arrival order (in order by default). Open loop: an event
 * emitted late does not move the ones after it, so a stall in the job shows up as detection delay
 * of the events that queued behind it instead of being hidden by a source that slows down with the
 * job (coordinated omission). Pure Java.
 */
public final class PaceSchedule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double eventsPerSecond;
  private final Disorder disorder;

  /**
   * @param eventsPerSecond the fixed input rate, positive; events arrive in order, once
   */
  public PaceSchedule(double eventsPerSecond) {
    this(eventsPerSecond, Disorder.of("none", 0));
  }

  private PaceSchedule(double eventsPerSecond, Disorder disorder) {
    if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException("rate must be positive, got " + eventsPerSecond);
    }
    this.eventsPerSecond = eventsPerSecond;
    this.disorder = disorder;
  }

  /**
   * The same rate with the workload's events arriving in {@code disorder} ({@link ArrivalOrder}).
   */
  public PaceSchedule withDisorder(Disorder disorder) {
    return new PaceSchedule(eventsPerSecond, disorder);
  }

  /** How the events arrive: in order, or with a second tab's delays and retried batches. */
  public Disorder disorder() {
    return disorder;
  }

  /** The rate, events per second. */
  public double eventsPerSecond() {
    return eventsPerSecond;
  }

  /** Nanoseconds after the first event at which event {@code index} is due. */
  public long dueNanos(long index) {
    return (long) (index * 1e9 / eventsPerSecond);
  }

  /** How long event {@code index} has still to wait, {@code elapsedNanos} after the first. */
  public long waitNanos(long index, long elapsedNanos) {
    return Math.max(0, dueNanos(index) - elapsedNanos);
  }

  /** Wall-clock length of a run of {@code events} events, in seconds. */
  public double seconds(long events) {
    return events / eventsPerSecond;
  }

  /**
   * Resolves a {@code --rate} value: {@code half} (or another fraction written as {@code 0.25x}) of
   * {@code fullSpeed}, or an absolute rate in events per second.
   *
   * @throws IllegalArgumentException when the text is neither
   */
  public static PaceSchedule resolve(String rate, double fullSpeed) {
    String t = rate.trim().toLowerCase(Locale.ROOT);
    if (t.equals("half")) {
      return new PaceSchedule(fullSpeed / 2);
    }
    try {
      if (t.endsWith("x")) {
        return new PaceSchedule(fullSpeed * Double.parseDouble(t.substring(0, t.length() - 1)));
      }
      return new PaceSchedule(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected half, a fraction such as 0.25x or events per second, got " + rate);
    }
  }

  /** Whether {@code rate} is relative to the measured full speed (so that run must come first). */
  public static boolean isRelative(String rate) {
    String t = rate.trim().toLowerCase(Locale.ROOT);
    return t.equals("half") || t.endsWith("x");
  }
}
