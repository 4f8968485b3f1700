package io.frictionflow.webhook;

import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.standardwebhooks.Webhook;
import io.frictionflow.Poll;
import io.frictionflow.TestEvents;
import io.frictionflow.config.JobSettings;
import io.frictionflow.job.Detector;
import io.frictionflow.job.LocalJob;
import io.frictionflow.job.OutputRecord;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.TestSignals;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Webhook delivery from the real job to real HTTP servers on loopback. */
class WebhookITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = io.frictionflow.TestClusters.flink();

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  static final String SECRET_ENV = "FRICTIONFLOW_TEST_WEBHOOK_SECRET";

  @TempDir Path dir;

  /** {@code sessions} sessions with one rage-click burst each: one signal per session. */
  private Path events(int sessions) {
    List<String> lines = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      for (int i = 0; i < 3; i++) {
        lines.add(
            event("click")
                .id("s" + s + "-c" + i)
                .session("s" + s)
                .atMillis(s * 5000L + i * 200L)
                .xy(10, 10)
                .json());
      }
    }
    return TestEvents.write(dir, "events.jsonl", lines);
  }

  record Run(List<JsonNode> signals, List<JsonNode> undelivered) {}

  private Run run(Path events, Map<String, String> config) throws Exception {
    Map<String, String> values = new HashMap<>(config);
    values.put("frictionflow.intent.enabled", "false");
    JobSettings settings = JobSettings.from(values);
    List<Detector> detectors =
        PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of()).stream()
            .filter(s -> s.id().equals("rage-click"))
            .map(Detector::of)
            .toList();
    List<JsonNode> signals = Collections.synchronizedList(new ArrayList<>());
    List<JsonNode> undelivered = Collections.synchronizedList(new ArrayList<>());
    LocalJob.run(
        events,
        settings,
        detectors,
        2,
        r -> {
          try {
            if (r.channel().equals(OutputRecord.SIGNAL) && r.key().equals("rage-click")) {
              signals.add(JSON.readTree(r.json()));
            } else if (r.channel().equals(OutputRecord.UNDELIVERED)) {
              undelivered.add(JSON.readTree(r.json()));
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    return new Run(signals, undelivered);
  }

  private static Map<String, String> destination(String name, String url, String... extra) {
    Map<String, String> m = new HashMap<>();
    String p = "frictionflow.webhooks.destinations." + name + ".";
    m.put(p + "url", url);
    m.put(p + "secret-env", SECRET_ENV);
    m.put(p + "patterns", "rage-click");
    m.put(p + "initial-backoff", "50ms");
    m.put(p + "max-backoff", "200ms");
    m.put(p + "timeout", "2s");
    m.put(p + "max-retry-duration", "20s");
    for (int i = 0; i < extra.length; i += 2) {
      m.put(p + extra[i], extra[i + 1]);
    }
    return m;
  }

  private static Set<String> ids(List<JsonNode> signals) {
    Set<String> out = new HashSet<>();
    signals.forEach(s -> out.add(s.get("signal_id").asText()));
    return out;
  }

  @Test
  void deliversSignedSignalsOnceEachToAFastEndpoint() throws Exception {
    try (TestEndpoint ok = new TestEndpoint((n, ex) -> 200)) {
      Run r = run(events(6), destination("crm", ok.url(), "headers.X-Team", "growth"));
      assertThat(r.signals()).hasSize(6);
      assertThat(r.undelivered()).isEmpty();
      assertThat(ok.requests).hasSize(6);
      assertThat(ok.requests)
          .extracting(TestEndpoint.Request::id)
          .containsExactlyInAnyOrderElementsOf(ids(r.signals()));
      Webhook verifier = new Webhook(System.getenv(SECRET_ENV));
      for (TestEndpoint.Request req : ok.requests) {
        verifier.verify(
            req.body(),
            Map.of(
                "webhook-id", List.of(req.id()),
                "webhook-timestamp", List.of(req.timestamp()),
                "webhook-signature", List.of(req.signature())));
        assertThat(JSON.readTree(req.body()).get("signal_id").asText()).isEqualTo(req.id());
      }
    }
  }

  @Test
  void retriesServerErrorsAndHonoursRetryAfter() throws Exception {
    try (TestEndpoint flaky = new TestEndpoint((n, ex) -> n <= 2 ? 500 : 200);
        TestEndpoint limited =
            new TestEndpoint(
                (n, ex) -> {
                  if (n == 1) {
                    ex.getResponseHeaders().add("Retry-After", "1");
                    return 429;
                  }
                  return 200;
                })) {
      Map<String, String> config = new HashMap<>(destination("flaky", flaky.url()));
      config.putAll(destination("limited", limited.url()));
      Run r = run(events(3), config);
      assertThat(r.undelivered()).isEmpty();
      assertThat(flaky.attemptsById.values())
          .hasSize(3)
          .allSatisfy(a -> assertThat(a.get()).isEqualTo(3));
      Map<String, List<Long>> times = new HashMap<>();
      limited.requests.forEach(
          q -> times.computeIfAbsent(q.id(), k -> new ArrayList<>()).add(q.receivedAt()));
      assertThat(times).hasSize(3);
      times.values().forEach(t -> assertThat(t.get(1) - t.get(0)).isGreaterThanOrEqualTo(1000));
    }
  }

  @Test
  void aRejectedOrUnreachableSignalGoesToUndeliveredWithTheReason() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (TestEndpoint bad = new TestEndpoint((n, ex) -> 400)) {
      Map<String, String> config = new HashMap<>(destination("bad", bad.url()));
      config.putAll(
          destination("gone", "http://127.0.0.1:" + closedPort + "/hook", "max-attempts", "3"));
      Run r = run(events(2), config);
      assertThat(bad.requests).hasSize(2);
      assertThat(r.undelivered()).hasSize(4);
      assertThat(r.undelivered())
          .filteredOn(u -> u.get("destination").asText().equals("bad"))
          .allSatisfy(
              u -> {
                assertThat(u.get("last_status").asInt()).isEqualTo(400);
                assertThat(u.get("attempts").asInt()).isEqualTo(1);
                assertThat(u.get("signal").get("pattern_id").asText()).isEqualTo("rage-click");
              });
      assertThat(r.undelivered())
          .filteredOn(u -> u.get("destination").asText().equals("gone"))
          .allSatisfy(
              u -> {
                assertThat(u.get("last_status").asInt()).isZero();
                assertThat(u.get("attempts").asInt()).isEqualTo(3);
                assertThat(u.get("error").asText()).contains("Connect");
              });
    }
  }

  @Test
  void aSlowEndpointBacksTheJobUpWithinTheInFlightCapacity() throws Exception {
    CountDownLatch full = new CountDownLatch(1);
    TestEndpoint[] holder = new TestEndpoint[1];
    try (TestEndpoint slow =
        new TestEndpoint(
            (n, ex) -> {
              // Slow: hold each request until the capacity is reached (or 300 ms pass).
              if (holder[0].concurrent.get() >= 4) {
                full.countDown();
              }
              full.await(300, TimeUnit.MILLISECONDS);
              return 200;
            })) {
      holder[0] = slow;
      Run r = run(events(20), destination("slow", slow.url(), "max-in-flight", "2"));
      assertThat(r.undelivered()).isEmpty();
      assertThat(slow.attemptsById).hasSize(20);
      // Two parallel instances, two requests each at most.
      assertThat(slow.maxConcurrent.get()).isBetween(2, 4);
    }
  }

  @Test
  void anEndpointThatStopsAndComesBackGetsEverySignal() throws Exception {
    TestEndpoint[] holder = new TestEndpoint[1];
    try (TestEndpoint outage =
        new TestEndpoint(
            (n, ex) -> {
              if (holder[0].requests.size() == 1) {
                // The first request takes the server down; it comes back 300 ms later.
                var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
                scheduler.execute(holder[0]::stop);
                scheduler.schedule(
                    () -> {
                      holder[0].restart();
                      return null;
                    },
                    300,
                    TimeUnit.MILLISECONDS);
                scheduler.shutdown();
                return 503;
              }
              return 200;
            })) {
      holder[0] = outage;
      // Enough attempts that the retries certainly outlast the outage, whatever the jitter draws.
      Run r = run(events(5), destination("outage", outage.url(), "max-attempts", "60"));
      assertThat(r.undelivered()).isEmpty();
      Set<String> delivered = new HashSet<>();
      outage.requests.forEach(q -> delivered.add(q.id()));
      assertThat(delivered).isEqualTo(ids(r.signals()));
    }
  }

  @Test
  void noWebhooksMeansNoRequest() throws Exception {
    try (TestEndpoint ok = new TestEndpoint((n, ex) -> 200)) {
      Map<String, String> config = new HashMap<>(destination("crm", ok.url()));
      config.put("frictionflow.webhooks.enabled", "false");
      Run r = run(events(2), config);
      assertThat(r.signals()).hasSize(2);
      assertThat(ok.requests).isEmpty();
    }
  }

  // --- retries end with their delivery

  /** A receiver that always answers 503 with Retry-After: 1, so attempts come 1 s apart. */
  private static TestEndpoint unavailable() throws IOException {
    return new TestEndpoint(
        (n, ex) -> {
          ex.getResponseHeaders().add("Retry-After", "1");
          return 503;
        });
  }

  /** A destination from the real config path that retries for a minute. */
  private static Destination retryingFor(String url) {
    Map<String, String> config = destination("down", url, "max-attempts", "100");
    config.remove("frictionflow.webhooks.destinations.down.secret-env");
    config.put("frictionflow.webhooks.destinations.down.max-retry-duration", "60s");
    return JobSettings.from(config).webhooks().destinations().get(0);
  }

  private static Signal signal(String id) {
    return TestSignals.rageClick("s1").id(id).events("c1").build();
  }

  /**
   * Asserts that {@code endpoint} gets no request for {@code quiet}: longer than the wait before
   * the next retry would have been sent (Retry-After: 1 s), plus a margin.
   */
  private static void assertNoFurtherRequest(TestEndpoint endpoint, Duration quiet)
      throws InterruptedException {
    endpoint.arrivals.clear();
    TestEndpoint.Request late = endpoint.next(quiet);
    assertThat(late).as("a request after the delivery ended").isNull();
  }

  @Test
  void aDeliveryThatTimesOutIsNeverSentAfterItIsRecordedUndelivered() throws Exception {
    try (TestEndpoint down = unavailable()) {
      var env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(1);
      // The Async I/O timeout (1.5 s) is far shorter than the destination's retry chain (1 min):
      // the operator gives up between the second attempt (at 1 s) and the third (at 2 s).
      var results =
          AsyncDataStream.unorderedWait(
                  env.fromData(signal("sig-timeout")).uid("signals").name("signals"),
                  new WebhookFunction(retryingFor(down.url())),
                  1500,
                  TimeUnit.MILLISECONDS,
                  10)
              .uid("webhook-down")
              .name("webhook down");
      List<DeliveryResult> out = new ArrayList<>();
      try (var it = results.executeAndCollect("webhook timeout")) {
        it.forEachRemaining(out::add);
      }
      assertThat(out).as("one outcome").hasSize(1);
      assertNoFurtherRequest(down, Duration.ofMillis(2500));
      assertThat(out)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.delivered()).isFalse();
                assertThat(r.error()).contains("Async I/O timeout");
                assertThat(r.attempts()).isBetween(1, 2);
              });
      assertThat(down.requests).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    }
  }

  @Test
  void retriesEndWhenTheJobIsCancelled() throws Exception {
    try (TestEndpoint down = unavailable()) {
      var env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(1);
      AsyncDataStream.unorderedWait(
              env.fromData(signal("sig-cancel")).uid("signals").name("signals"),
              new WebhookFunction(retryingFor(down.url())),
              120_000,
              TimeUnit.MILLISECONDS,
              10)
          .uid("webhook-down")
          .name("webhook down")
          .sinkTo(new DiscardingSink<>())
          .uid("discard")
          .name("discard");
      var job = env.executeAsync("webhook cancel");
      // Two attempts: the chain is retrying, its next attempt due 1 s after the second.
      assertThat(down.next(Duration.ofSeconds(60))).as("first attempt").isNotNull();
      assertThat(down.next(Duration.ofSeconds(60))).as("first retry").isNotNull();
      job.cancel().get();
      Poll.until(
          "the job to be cancelled",
          Duration.ofSeconds(60),
          () -> job.getJobStatus().get(),
          status -> status == JobStatus.CANCELED);
      assertNoFurtherRequest(down, Duration.ofMillis(2500));
    }
  }
}
