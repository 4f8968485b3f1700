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
 *
 * <p>Each delivery's attempts form a {@link RetryChains.Chain}, on a scheduler this instance owns
 * (not a JVM-wide one): the chain ends when the delivery's outcome is recorded (delivered, given
 * up, Async I/O timeout) and every chain ends when the operator closes (cancel, failover), so no
 * retry outlives its request or its task.
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
  private transient RetryChains chains;

  public WebhookFunction(Destination dest) {
    this.dest = dest;
  }

  @Override
  public void open(OpenContext openContext) {
    http = HttpClient.newBuilder().connectTimeout(dest.timeout()).build();
    signer = signerFor(dest);
    random = RandomGenerator.of("L64X128MixRandom");
    chains = new RetryChains("webhook-retries-" + dest.name());
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
    attempt(signal, body, chains.open(result), result);
  }

  /** One attempt of {@code chain}; on a retryable failure it schedules the next. */
  private void attempt(
      Signal signal, String body, RetryChains.Chain chain, ResultFuture<DeliveryResult> result) {
    CompletableFuture<HttpResponse<Void>> sent;
    try {
      HttpRequest request = request(signal, body);
      sent = chain.send(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
    } catch (RuntimeException e) {
      // Headers are checked at config load; a request the client still refuses is this signal's
      // failure, recorded as undelivered, never an exception that restarts the task forever.
      giveUp(
          chain, signal, body, 0, "request refused by the HTTP client: " + e.getMessage(), result);
      return;
    }
    if (sent == null) {
      return; // the delivery ended (timed out, or the operator closed) before this retry was due
    }
    inFlight.incrementAndGet();
    sent.whenComplete(
        (response, error) -> {
          inFlight.decrementAndGet();
          if (chain.ended()) {
            return; // ended while in flight: its outcome is recorded already, and it was aborted
          }
          int attempt = chain.attempts();
          int status = response == null ? 0 : response.statusCode();
          if (status >= 200 && status < 300) {
            if (chain.end()) {
              deliveries.inc();
              long ms = chain.elapsedMillis();
              latency.update(ms);
              result.complete(List.of(outcome(signal, body, true, attempt, status, "", ms)));
            }
            return;
          }
          String why =
              error != null
                  ? error.getClass().getSimpleName()
                      + (error.getMessage() == null ? "" : ": " + error.getMessage())
                  : "HTTP " + status;
          String retryAfter =
              response == null ? null : response.headers().firstValue("retry-after").orElse(null);
          OptionalLong delay =
              dest.retry()
                  .nextDelayMillis(
                      attempt,
                      status,
                      retryAfter,
                      Duration.ofMillis(chain.elapsedMillis()),
                      Instant.now(),
                      random);
          if (delay.isEmpty()) {
            giveUp(chain, signal, body, status, why, result);
            return;
          }
          if (chain.retryIn(delay.getAsLong(), () -> attempt(signal, body, chain, result))) {
            retries.inc();
          }
        });
  }

  /** Records {@code chain}'s delivery as undelivered, unless it has ended already. */
  private void giveUp(
      RetryChains.Chain chain,
      Signal signal,
      String body,
      int status,
      String why,
      ResultFuture<DeliveryResult> result) {
    if (chain.end()) {
      giveUps.inc();
      result.complete(
          List.of(
              outcome(signal, body, false, chain.attempts(), status, why, chain.elapsedMillis())));
    }
  }

  /** A signed request for one attempt (the timestamp and signature are per attempt). */
  private HttpRequest request(Signal signal, String body) {
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
    return req.build();
  }

  /**
   * The Async I/O timeout: the delivery has taken longer than the operator allows. Its chain is
   * ended first (pending retry cancelled, request in flight aborted), then it is recorded as
   * undelivered, so a signal on the undelivered output is never sent afterwards.
   */
  @Override
  public void timeout(Signal signal, ResultFuture<DeliveryResult> result) {
    RetryChains.Chain chain = chains.find(result);
    if (chain == null || !chain.end()) {
      // Delivered or given up at this very moment (a chain leaves the map when it ends): that
      // outcome is recorded and stands.
      return;
    }
    giveUps.inc();
    long ms = chain.elapsedMillis();
    result.complete(
        List.of(
            outcome(
                signal,
                payload(signal, dest.fields()),
                false,
                chain.attempts(),
                0,
                "gave up: no outcome within " + ms + " ms (the Async I/O timeout)",
                ms)));
  }

  /** Ends every delivery of this instance: after a cancel or a failover nothing more is sent. */
  @Override
  public void close() throws Exception {
    if (chains != null) {
      chains.close();
    }
    super.close();
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
