package io.frictionflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry chains end for good: no retry runs and no attempt starts after a chain's end. */
class RetryChainsTest {
  private final RetryChains chains = new RetryChains("test-retries");

  @AfterEach
  void close() {
    chains.close();
  }

  /** Whether {@code latch} is counted down within {@code millis}: a wait, not a sleep. */
  private static boolean within(CountDownLatch latch, long millis) throws InterruptedException {
    return latch.await(millis, TimeUnit.MILLISECONDS);
  }

  @Test
  void aScheduledRetryRunsWhenTheChainLives() throws Exception {
    RetryChains.Chain c = chains.open("delivery");
    CountDownLatch ran = new CountDownLatch(1);
    assertThat(c.retryIn(10, ran::countDown)).isTrue();
    assertThat(within(ran, 5_000)).as("the retry ran").isTrue();
  }

  @Test
  void endingAChainCancelsItsPendingRetry() throws Exception {
    RetryChains.Chain c = chains.open("delivery");
    CountDownLatch ran = new CountDownLatch(1);
    assertThat(c.retryIn(200, ran::countDown)).isTrue();
    assertThat(c.end()).isTrue();
    // Waits past the moment the retry was due, plus a margin.
    assertThat(within(ran, 1_000)).as("the cancelled retry ran").isFalse();
    assertThat(c.retryIn(0, ran::countDown)).as("a retry after the end").isFalse();
    assertThat(c.send(CompletableFuture::new)).as("an attempt after the end").isNull();
    assertThat(chains.size()).isZero();
  }

  @Test
  void endingAChainAbortsItsRequestInFlight() {
    RetryChains.Chain c = chains.open("delivery");
    CompletableFuture<String> request = new CompletableFuture<>();
    assertThat(c.send(() -> request)).isSameAs(request);
    assertThat(c.attempts()).isEqualTo(1);
    c.end();
    assertThat(request).isCancelled();
  }

  @Test
  void onlyTheFirstEndRecordsTheOutcome() {
    RetryChains.Chain c = chains.open("delivery");
    assertThat(chains.find("delivery")).isSameAs(c);
    assertThat(c.end()).isTrue();
    assertThat(c.end()).isFalse();
    assertThat(c.ended()).isTrue();
    assertThat(chains.find("delivery")).isNull();
  }

  @Test
  void closingEndsEveryChainAndRefusesNewOnes() throws Exception {
    RetryChains.Chain waiting = chains.open("a");
    RetryChains.Chain sending = chains.open("b");
    CountDownLatch ran = new CountDownLatch(1);
    waiting.retryIn(200, ran::countDown);
    CompletableFuture<String> request = new CompletableFuture<>();
    sending.send(() -> request);
    chains.close();
    assertThat(waiting.ended()).isTrue();
    assertThat(sending.ended()).isTrue();
    assertThat(request).isCancelled();
    assertThat(within(ran, 1_000)).as("a retry after close").isFalse();
    RetryChains.Chain late = chains.open("c");
    assertThat(late.ended()).isTrue();
    assertThat(late.send(CompletableFuture::new)).isNull();
  }
}
