package io.frictionflow.webhook;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * When to retry a webhook request and how long to wait: exponential backoff with full jitter,
 * {@code Retry-After} honoured, a cap on attempts and on total time. Pure.
 *
 * <p>Retried: timeouts, connection errors, 5xx, 408 and 429. Not retried: other 4xx (the request
 * itself is wrong; sending it again cannot help).
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal)
    implements Serializable {

  /** Whether a response status is worth another attempt; status 0 means no response at all. */
  public static boolean retryable(int status) {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }

  /**
   * The wait before attempt {@code attempt + 1}, or empty to give up.
   *
   * @param attempt attempts made so far (1 after the first)
   * @param status last status, 0 for a timeout or connection error
   * @param retryAfter the Retry-After header of the last response, or null
   * @param elapsed time since the first attempt
   */
  public OptionalLong nextDelayMillis(
      int attempt,
      int status,
      String retryAfter,
      Duration elapsed,
      Instant now,
      RandomGenerator random) {
    if (!retryable(status) || attempt >= maxAttempts) {
      return OptionalLong.empty();
    }
    long cap =
        Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 30));
    long delay = cap <= 0 ? 0 : random.nextLong(cap + 1);
    long asked = retryAfterMillis(retryAfter, now);
    if (asked >= 0) {
      delay = Math.max(delay, asked);
    }
    if (elapsed.toMillis() + delay > maxTotal.toMillis()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(delay);
  }

  /** Retry-After as delay-seconds or an HTTP date; -1 when absent or unreadable. */
  static long retryAfterMillis(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.trim();
    if (v.matches("\\d+")) {
      return Long.parseLong(v) * 1000;
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, Duration.between(now, at).toMillis());
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
