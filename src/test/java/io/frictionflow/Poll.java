package io.frictionflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The one way tests wait: try, sleep {@link #INTERVAL}, try again, until a deadline. A probe that
 * throws an {@link Exception} is tried again (an endpoint not up yet, a job not listed yet); an
 * {@link Error} such as a failed assertion ends the wait at once. At the deadline the failure names
 * what was awaited, and the last value and exception seen.
 */
public final class Poll {
  /** The pause between two tries. */
  public static final Duration INTERVAL = Duration.ofMillis(50);

  private Poll() {}

  /** Something that may not hold yet. */
  @FunctionalInterface
  public interface Probe<T> {
    /** The value once it holds, else empty. */
    Optional<T> get() throws Exception;
  }

  /** A condition that may not hold yet. */
  @FunctionalInterface
  public interface Check {
    /** Whether it holds now. */
    boolean holds() throws Exception;
  }

  /** Polls {@code probe} until it yields a value and returns it; fails after {@code deadline}. */
  public static <T> T until(String what, Duration deadline, Probe<T> probe) throws Exception {
    return until(what, deadline, probe::get, Optional::isPresent).get();
  }

  /**
   * Reads {@code value} until {@code done} accepts it and returns that value; fails after {@code
   * deadline} with the last value read.
   */
  public static <T> T until(
      String what, Duration deadline, Callable<T> value, Predicate<? super T> done)
      throws Exception {
    Instant end = Instant.now().plus(deadline);
    Object last = "none";
    Exception lastError = null;
    while (true) {
      try {
        T v = value.call();
        if (done.test(v)) {
          return v;
        }
        last = v;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        lastError = e;
      }
      if (!Instant.now().isBefore(end)) {
        break;
      }
      Thread.sleep(INTERVAL.toMillis());
    }
    String message =
        "timed out after " + deadline + " waiting for " + what + "; last value: " + last;
    if (lastError != null) {
      message += "; last exception: " + lastError;
    }
    AssertionError failure = new AssertionError(message);
    if (lastError != null) {
      failure.initCause(lastError);
    }
    throw failure;
  }

  /** Polls {@code check} until it holds; fails after {@code deadline}. */
  public static void untilTrue(String what, Duration deadline, Check check) throws Exception {
    until(what, deadline, check::holds, Boolean::booleanValue);
  }
}
