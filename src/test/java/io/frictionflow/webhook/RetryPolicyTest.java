package io.frictionflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private final RetryPolicy policy =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10));
  private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

  private OptionalLong next(int attempt, int status, String retryAfter, long elapsedMs) {
    return policy.nextDelayMillis(
        attempt, status, retryAfter, Duration.ofMillis(elapsedMs), NOW, random);
  }

  @Test
  void retriesTimeoutsConnectionErrorsServerErrors408And429Only() {
    for (int status : new int[] {0, 408, 429, 500, 502, 503}) {
      assertThat(RetryPolicy.retryable(status)).as("%d", status).isTrue();
    }
    for (int status : new int[] {400, 401, 403, 404, 410, 422}) {
      assertThat(RetryPolicy.retryable(status)).as("%d", status).isFalse();
      assertThat(next(1, status, null, 0)).isEmpty();
    }
  }

  @Test
  void backoffGrowsExponentiallyWithFullJitterUpToTheCap() {
    for (int i = 0; i < 200; i++) {
      assertThat(next(1, 500, null, 0).getAsLong()).isBetween(0L, 100L);
      assertThat(next(3, 500, null, 0).getAsLong()).isBetween(0L, 400L);
      assertThat(next(4, 500, null, 0).getAsLong()).isBetween(0L, 800L);
    }
    RetryPolicy many =
        new RetryPolicy(50, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofHours(1));
    for (int i = 0; i < 200; i++) {
      assertThat(many.nextDelayMillis(40, 503, null, Duration.ZERO, NOW, random).getAsLong())
          .isBetween(0L, 2000L);
    }
  }

  @Test
  void honoursRetryAfterInSecondsAndAsAnHttpDate() {
    assertThat(next(1, 429, "3", 0).getAsLong()).isEqualTo(3000);
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(4).atZone(ZoneOffset.UTC));
    assertThat(next(1, 503, date, 0).getAsLong()).isEqualTo(4000);
    assertThat(next(1, 429, "soon", 0).getAsLong()).isBetween(0L, 100L);
  }

  @Test
  void givesUpAfterMaxAttemptsOrWhenTheNextAttemptWouldPassTheTotalCap() {
    assertThat(next(4, 500, null, 0)).isPresent();
    assertThat(next(5, 500, null, 0)).isEmpty();
    assertThat(next(1, 429, "20", 0)).isEmpty();
    assertThat(next(2, 500, null, 10_000)).isEmpty();
  }
}
