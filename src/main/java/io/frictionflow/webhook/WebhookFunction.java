package io.frictionflow.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.SignalJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Delivers signals to one destination with Flink Async I/O and the JDK's non-blocking HTTP client:
 * signed, retried per {@link RetryPolicy}, and completed with a {@link DeliveryResult} either way,
 * so that a give-up becomes a record on the undelivered output, never a loss.
 *
 * <p>In-flight requests are part of the Async I/O operator's checkpointed state, so after a
 * failover they are sent again: delivery is at least once, and receivers dedupe on the {@code
 * webhook-id} header (the signal id).
 */
public final class WebhookFunction extends RichAsyncFunction<Signal, DeliveryResult> {
  private final Destination dest;
  private transient HttpClient http;
  private transient WebhookSigner signer;
  private transient RandomGenerator random;
  private transient Counter deliveries;
  private transient Counter retries;
  private transient Counter giveUps;
  private transient Histogram latency;
  private transient AtomicInteger inFlight;

  public WebhookFunction(Destination dest) {
    this.dest = dest;
  }

  @Override
  public void open(OpenContext openContext) {
    http = HttpClient.newBuilder().connectTimeout(dest.timeout()).build();
    signer = signerFor(dest);
    random = RandomGenerator.of("L64X128MixRandom");
    var group =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("frictionflow")
            .addGroup("webhook", dest.name());
    deliveries = group.counter("deliveries");
    retries = group.counter("retries");
    giveUps = group.counter("give_ups");
    latency = group.histogram("latency_ms", new DescriptiveStatisticsHistogram(10_000));
    inFlight = new AtomicInteger();
    group.gauge("in_flight", inFlight::get);
  }

  /**
   * The signer of a destination, from its environment variable.
   *
   * @throws IllegalStateException naming the variable when it is unset or malformed
   */
  public static WebhookSigner signerFor(Destination dest) {
    if (dest.secretEnv() == null) {
      return null;
    }
    String secret = System.getenv(dest.secretEnv());
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          "webhook destination "
              + dest.name()
              + ": environment variable "
              + dest.secretEnv()
              + " (its signing secret) is not set");
    }
    try {
      return new WebhookSigner(secret.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "webhook destination " + dest.name() + ": " + dest.secretEnv() + ": " + e.getMessage());
    }
  }

  /** The request body: the signal, or only the destination's fields of it. */
  static String payload(Signal s, List<String> fields) {
    ObjectNode tree = SignalJson.toTree(s);
    if (!fields.isEmpty()) {
      tree.retain(fields);
    }
    return tree.toString();
  }

  @Override
  public void asyncInvoke(Signal signal, ResultFuture<DeliveryResult> result) {
    String body = payload(signal, dest.fields());
    attempt(signal, body, 1, Instant.now(), result);
  }

  private void attempt(
      Signal signal,
      String body,
      int attempt,
      Instant started,
      ResultFuture<DeliveryResult> result) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(dest.url()))
            .timeout(dest.timeout())
            .header("content-type", "application/json")
            .header("user-agent", "frictionflow-webhooks/1")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    long ts = Instant.now().getEpochSecond();
    req.header("webhook-id", signal.signalId());
    req.header("webhook-timestamp", Long.toString(ts));
    if (signer != null) {
      req.header("webhook-signature", signer.sign(signal.signalId(), ts, body));
    }
    dest.headers().forEach(req::header);
    inFlight.incrementAndGet();
    http.sendAsync(req.build(), HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              inFlight.decrementAndGet();
              int status = response == null ? 0 : response.statusCode();
              if (status >= 200 && status < 300) {
                deliveries.inc();
                long ms = Duration.between(started, Instant.now()).toMillis();
                latency.update(ms);
                result.complete(List.of(outcome(signal, body, true, attempt, status, "", ms)));
                return;
              }
              String why =
                  error != null
                      ? error.getClass().getSimpleName()
                          + (error.getMessage() == null ? "" : ": " + error.getMessage())
                      : "HTTP " + status;
              String retryAfter =
                  response == null
                      ? null
                      : response.headers().firstValue("retry-after").orElse(null);
              OptionalLong delay =
                  dest.retry()
                      .nextDelayMillis(
                          attempt,
                          status,
                          retryAfter,
                          Duration.between(started, Instant.now()),
                          Instant.now(),
                          random);
              if (delay.isEmpty()) {
                giveUps.inc();
                result.complete(
                    List.of(
                        outcome(
                            signal,
                            body,
                            false,
                            attempt,
                            status,
                            why,
                            Duration.between(started, Instant.now()).toMillis())));
                return;
              }
              retries.inc();
              CompletableFuture.runAsync(
                  () -> attempt(signal, body, attempt + 1, started, result),
                  CompletableFuture.delayedExecutor(delay.getAsLong(), TimeUnit.MILLISECONDS));
            });
  }

  @Override
  public void timeout(Signal signal, ResultFuture<DeliveryResult> result) {
    giveUps.inc();
    result.complete(
        List.of(
            outcome(
                signal,
                payload(signal, dest.fields()),
                false,
                0,
                0,
                "gave up: no outcome within " + dest.worstCase().toMillis() + " ms",
                dest.worstCase().toMillis())));
  }

  private DeliveryResult outcome(
      Signal s, String body, boolean ok, int attempts, int status, String error, long ms) {
    return new DeliveryResult(
        dest.name(),
        dest.url(),
        s.signalId(),
        s.sessionId(),
        s.patternId(),
        ok,
        attempts,
        status,
        error,
        ms,
        body);
  }
}
