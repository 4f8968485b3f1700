package io.frictionflow.webhook;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The retry chains of one webhook sender: per delivery, its pending retry and its request in
 * flight, so that a delivery that ends (delivered, given up, timed out) or a sender that closes
 * leaves nothing behind that could still send. Pure: a scheduler and futures, no Flink.
 *
 * <p>State: one {@link Chain} per delivery that has not ended, under the object that owns it (the
 * Async I/O result future, so that a timeout finds its chain); a chain is removed when it ends.
 * {@link #close} ends every chain and stops the scheduler.
 *
 * <p>The guarantee: once {@link Chain#end} has returned, the chain starts no attempt, its pending
 * retry is cancelled and its request in flight is aborted, and a response that still arrives is
 * ignored. A delivery recorded as failed after ending its chain is therefore never sent again. (A
 * request that was on the wire before the end may have reached the receiver already; that is the
 * at-least-once case every HTTP sender has, not a later delivery.)
 */
final class RetryChains implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timer;
  private final Map<Object, Chain> open = new IdentityHashMap<>();
  private boolean closed;

  /**
   * @param threadName name of the scheduler's one daemon thread
   */
  RetryChains(String threadName) {
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    // A cancelled retry leaves the queue at once instead of holding its signal until it is due.
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** A new chain for the delivery {@code owner} identifies; already ended when closed. */
  synchronized Chain open(Object owner) {
    Chain c = new Chain(owner);
    if (closed) {
      c.ended = true;
    } else {
      open.put(owner, c);
    }
    return c;
  }

  /** The chain of {@code owner} while it has not ended, else null. */
  synchronized Chain find(Object owner) {
    return open.get(owner);
  }

  /** Chains that have not ended. */
  synchronized int size() {
    return open.size();
  }

  private synchronized void remove(Chain c) {
    open.remove(c.owner, c);
  }

  /** Ends every chain and stops the scheduler: nothing is sent after this returns. */
  @Override
  public void close() {
    List<Chain> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(open.values());
    }
    all.forEach(Chain::end);
    timer.shutdownNow();
  }

  /** The attempts of one delivery, one at a time: a request in flight or a retry pending. */
  final class Chain {
    private final Object owner;
    private final long startedNanos = System.nanoTime();
    // Guarded by this chain.
    private boolean ended;
    private int attempts;
    private Future<?> pending;
    private CompletableFuture<?> inFlight;

    private Chain(Object owner) {
      this.owner = owner;
    }

    /**
     * Starts an attempt unless the chain has ended: {@code send} runs under the chain's lock, so an
     * {@link #end} either comes before it (and it does not run) or after (and aborts what it
     * started).
     *
     * @return the attempt's future, or null when the chain has ended
     */
    <T> CompletableFuture<T> send(Supplier<CompletableFuture<T>> send) {
      synchronized (this) {
        if (ended) {
          return null;
        }
        attempts++;
        pending = null;
        CompletableFuture<T> f = send.get();
        inFlight = f;
        return f;
      }
    }

    /**
     * Runs {@code retry} on the scheduler after {@code delayMillis} unless the chain ends first.
     *
     * @return false when the chain has ended (nothing scheduled)
     */
    boolean retryIn(long delayMillis, Runnable retry) {
      synchronized (this) {
        if (ended) {
          return false;
        }
        inFlight = null;
        pending = timer.schedule(retry, delayMillis, TimeUnit.MILLISECONDS);
        return true;
      }
    }

    /**
     * Ends the chain: cancels its pending retry and aborts its request in flight.
     *
     * @return true for the one call that ended it, which records the delivery's outcome; false when
     *     it had ended already (its outcome is someone else's to record)
     */
    boolean end() {
      Future<?> p;
      CompletableFuture<?> f;
      synchronized (this) {
        if (ended) {
          return false;
        }
        ended = true;
        p = pending;
        f = inFlight;
        pending = null;
        inFlight = null;
      }
      remove(this);
      // Outside the lock: cancelling completes the future, which runs its callbacks here.
      if (p != null) {
        p.cancel(false);
      }
      if (f != null) {
        f.cancel(true);
      }
      return true;
    }

    synchronized boolean ended() {
      return ended;
    }

    /** Attempts started so far. */
    synchronized int attempts() {
      return attempts;
    }

    /** Milliseconds since the chain was opened. */
    long elapsedMillis() {
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
  }
}
