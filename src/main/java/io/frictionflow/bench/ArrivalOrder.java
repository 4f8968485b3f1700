package io.frictionflow.bench;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The paced run's input in arrival order: the workload's lines (in the order they happened, one
 * every {@code 1 / rate} seconds) with the {@link Disorder}'s delays and retried copies, each line
 * due at its happened time plus its delay (ties in reading order). Holds only the lines that are
 * delayed and not yet due. With {@link Disorder} {@code none} it is the lines as they are. Pure
 * Java.
 */
final class ArrivalOrder implements Iterator<ArrivalOrder.Arrival> {
  /** A line to emit, and how long before its arrival it happened. */
  record Arrival(String line, long delayMillis) {}

  private record Pending(double dueMs, long seq, String line, long delayMillis) {}

  private final Iterator<String> lines;
  private final Disorder disorder;
  private final double msPerEvent;
  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(
          (a, b) ->
              a.dueMs != b.dueMs ? Double.compare(a.dueMs, b.dueMs) : Long.compare(a.seq, b.seq));
  private long read;
  private long seq;

  ArrivalOrder(Iterator<String> lines, Disorder disorder, double eventsPerSecond) {
    this.lines = lines;
    this.disorder = disorder;
    this.msPerEvent = 1000.0 / eventsPerSecond;
  }

  @Override
  public boolean hasNext() {
    return lines.hasNext() || !pending.isEmpty();
  }

  @Override
  public Arrival next() {
    // A line not read yet happens at read * msPerEvent or later: nothing earlier can still come.
    while (lines.hasNext() && (pending.isEmpty() || pending.peek().dueMs > read * msPerEvent)) {
      String line = lines.next();
      double happened = read * msPerEvent;
      read++;
      String id = disorder.name().equals("none") ? null : Disorder.eventId(line);
      long delay = id == null ? 0 : disorder.delayMillis(id);
      pending.add(new Pending(happened + delay, seq++, line, delay));
      long retry = id == null ? -1 : disorder.retryMillis(id);
      if (retry >= 0) {
        pending.add(new Pending(happened + retry, seq++, line, retry));
      }
    }
    Pending p = pending.poll();
    if (p == null) {
      throw new NoSuchElementException();
    }
    return new Arrival(p.line, p.delayMillis);
  }

  /** Lines held, delayed and not yet due. */
  int held() {
    return pending.size();
  }
}
