package io.frictionflow.gateway;

import static io.frictionflow.gateway.GatewayHttp.API_KEY;
import static io.frictionflow.gateway.GatewayHttp.JSON;
import static io.frictionflow.gateway.GatewayHttp.ORIGIN;
import static io.frictionflow.gateway.GatewayHttp.WRITE_KEY;
import static io.frictionflow.gateway.GatewayHttp.batch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.frictionflow.Poll;
import io.frictionflow.kafka.KafkaTestCluster;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against a real Kafka broker, over real HTTP: every rejection with its status,
 * accepted events on the topic, signals pushed to the right stream once, and the Session Summary
 * API following the compacted context topic.
 */
class GatewayITCase {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static KafkaTestCluster kafka;
  private static Gateway gateway;
  private static GatewayHttp http;

  @BeforeAll
  static void start() throws Exception {
    kafka = new KafkaTestCluster();
    kafka.createTopics(2, "events", "signals-fast", "session-context");
    String yaml =
        GatewayHttp.config(
            kafka.bootstrapServers(),
            "max-body-bytes: 4096",
            "session-rate:",
            "  events-per-second: 5",
            "  burst: 10");
    gateway = new Gateway(GatewayConfig.parse(new YAMLMapper().readTree(yaml), Path.of("")));
    gateway.start();
    http = new GatewayHttp(gateway.port());
    Poll.untilTrue("the gateway's views to load", DEADLINE, gateway::ready);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private HttpResponse<String> newSession(String writeKey, String origin) throws Exception {
    HttpRequest.Builder r = http.request("/v1/sessions").POST(HttpRequest.BodyPublishers.noBody());
    if (writeKey != null) {
      r.header("X-Write-Key", writeKey);
    }
    if (origin != null) {
      r.header("Origin", origin);
    }
    return http.send(r);
  }

  @Test
  void sessionsAreIssuedOnlyForAKnownWriteKeyFromAnAllowedOrigin() throws Exception {
    assertThat(newSession(null, ORIGIN).statusCode()).isEqualTo(401);
    assertThat(newSession("wk_unknown_key", ORIGIN).statusCode()).isEqualTo(401);
    assertThat(newSession(WRITE_KEY, "http://evil.test").statusCode()).isEqualTo(403);

    HttpResponse<String> ok = newSession(WRITE_KEY, ORIGIN);
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    JsonNode s = JSON.readTree(ok.body());
    assertThat(s.get("session_id").asText()).matches("[A-Za-z0-9_-]{22}");
    assertThat(s.get("token").asText()).matches("[A-Za-z0-9_-]{43}");
    assertThat(s.get("session_id").asText())
        .isNotEqualTo(JSON.readTree(newSession(WRITE_KEY, ORIGIN).body()).get("session_id"));
  }

  @Test
  void preflightIsAnsweredForAllowedOriginsOnly() throws Exception {
    HttpResponse<String> ok =
        http.send(
            http.request("/v1/events")
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-write-key, authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(ok.statusCode()).isEqualTo(204);
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    assertThat(ok.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .contains("X-Write-Key", "Authorization");

    HttpResponse<String> foreign =
        http.send(
            http.request("/v1/events")
                .header("Origin", "http://evil.test")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void eventsAreRejectedWithTheRightStatus() throws Exception {
    JsonNode a = http.newSession();
    JsonNode b = http.newSession();
    String sa = a.get("session_id").asText();
    String body = batch(sa, "rej-1");

    // Write key, origin.
    HttpResponse<String> noKey =
        http.send(
            http.request("/v1/events")
                .header("Origin", ORIGIN)
                .header("Authorization", "Bearer " + a.get("token").asText())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(noKey.statusCode()).isEqualTo(401);
    HttpResponse<String> badOrigin =
        http.send(
            http.request("/v1/events")
                .header("X-Write-Key", WRITE_KEY)
                .header("Origin", "http://evil.test")
                .header("Authorization", "Bearer " + a.get("token").asText())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(badOrigin.statusCode()).isEqualTo(403);

    // Token: none, another session's, garbage.
    assertThat(http.postEvents(null, body).statusCode()).isEqualTo(401);
    HttpResponse<String> otherToken = http.postEvents(b.get("token").asText(), body);
    assertThat(otherToken.statusCode()).isEqualTo(403);
    assertThat(otherToken.body()).contains(sa);
    assertThat(http.postEvents("not-a-token", body).statusCode()).isEqualTo(403);

    // Body: too big, not JSON, no event id.
    String big = batch(sa, "x".repeat(5000));
    HttpResponse<String> tooBig = http.postEvents(a.get("token").asText(), big);
    assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(413);
    HttpResponse<String> notJson = http.postEvents(a.get("token").asText(), "{\"session_id\":");
    assertThat(notJson.statusCode()).isEqualTo(400);
    HttpResponse<String> noId =
        http.postEvents(
            a.get("token").asText(),
            "{\"session_id\":\"" + sa + "\",\"events\":[{\"type\":\"click\"}]}");
    assertThat(noId.statusCode()).isEqualTo(400);
    assertThat(noId.body()).contains("events[0].event_id");

    // Rate: a burst of 10 events, then 5 per second.
    JsonNode c = http.newSession();
    String sc = c.get("session_id").asText();
    String tc = c.get("token").asText();
    assertThat(
            http.postEvents(tc, batch(sc, "r-1", "r-2", "r-3", "r-4", "r-5", "r-6", "r-7", "r-8"))
                .statusCode())
        .isEqualTo(202);
    HttpResponse<String> limited =
        http.postEvents(tc, batch(sc, "r-9", "r-10", "r-11", "r-12", "r-13"));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").get())).isBetween(1L, 2L);
    // Another session is not limited by this one.
    JsonNode d = http.newSession();
    assertThat(
            http.postEvents(d.get("token").asText(), batch(d.get("session_id").asText(), "other-1"))
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void acceptedEventsLandKeyedBySessionWithTheGatewaysReceivedAt() throws Exception {
    JsonNode s = http.newSession();
    String sid = s.get("session_id").asText();
    long before = System.currentTimeMillis();
    HttpResponse<String> r = http.postEvents(s.get("token").asText(), batch(sid, "acc-1", "acc-2"));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(r.body()).get("accepted").asInt()).isEqualTo(2);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);

    List<String> mine =
        kafka
            .readKeyedUntil(
                "events",
                l -> l.stream().filter(x -> x.startsWith(sid + "=")).count() >= 2,
                DEADLINE)
            .stream()
            .filter(x -> x.startsWith(sid + "="))
            .toList();
    assertThat(mine).hasSize(2);
    for (String keyed : mine) {
      JsonNode e = JSON.readTree(keyed.substring(sid.length() + 1));
      assertThat(e.get("session_id").asText()).isEqualTo(sid);
      assertThat(e.get("received_at").asLong()).isBetween(before, System.currentTimeMillis());
      assertThat(e.get("type").asText()).isEqualTo("click");
      assertThat(e.get("target").get("selector").asText()).isEqualTo("#coupon");
    }
    assertThat(mine.stream().map(x -> x.contains("\"acc-1\"")).toList()).contains(true, false);
  }

  private static String signal(String id, String session) {
    return "{\"signal_id\":\""
        + id
        + "\",\"kind\":\"friction\",\"pattern_id\":\"dead-click\",\"pattern_version\":1,"
        + "\"session_id\":\""
        + session
        + "\",\"severity\":\"medium\",\"event_ids\":[\"e-1\"],\"intent_score\":null}";
  }

  @Test
  void signalsReachTheirSessionsStreamOnceAndOnlyWithItsToken() throws Exception {
    JsonNode a = http.newSession();
    JsonNode b = http.newSession();
    String sa = a.get("session_id").asText();
    String sb = b.get("session_id").asText();

    try (GatewayHttp.Stream forbidden = http.stream(sa, b.get("token").asText(), null)) {
      assertThat(forbidden.status).isEqualTo(403);
    }
    try (GatewayHttp.Stream streamA = http.stream(sa, a.get("token").asText(), null);
        GatewayHttp.Stream streamB = http.stream(sb, b.get("token").asText(), null)) {
      assertThat(streamA.status).isEqualTo(200);
      assertThat(streamB.status).isEqualTo(200);
      kafka.send("signals-fast", null, sa, signal("sig-a1", sa));
      kafka.send("signals-fast", null, sa, signal("sig-a1", sa)); // at-least-once repeat
      kafka.send("signals-fast", null, sb, signal("sig-b1", sb));
      kafka.send("signals-fast", null, sa, signal("sig-a2", sa));
      Poll.untilTrue("a's second signal", DEADLINE, () -> streamA.ids().contains("sig-a2"));
      Poll.untilTrue("b's signal", DEADLINE, () -> streamB.ids().contains("sig-b1"));
      assertThat(streamA.ids()).containsExactly("sig-a1", "sig-a2");
      assertThat(streamB.ids()).containsExactly("sig-b1");
      assertThat(streamA.lines).contains("event: signal");
      assertThat(streamA.data()).containsExactly(signal("sig-a1", sa), signal("sig-a2", sa));
    }

    // A reconnect with Last-Event-ID gets nothing it already had, then what comes next.
    try (GatewayHttp.Stream again = http.stream(sa, a.get("token").asText(), "sig-a2")) {
      kafka.send("signals-fast", null, sa, signal("sig-a1", sa)); // a late repeat
      kafka.send("signals-fast", null, sa, signal("sig-a3", sa));
      Poll.untilTrue("a's third signal", DEADLINE, () -> again.ids().contains("sig-a3"));
      assertThat(again.ids()).containsExactly("sig-a3");
    }
    // A reconnect after an earlier one gets the ones after it, once.
    try (GatewayHttp.Stream again = http.stream(sa, a.get("token").asText(), "sig-a1")) {
      Poll.untilTrue("the missed signals", DEADLINE, () -> again.ids().size() >= 2);
      assertThat(again.ids()).containsExactly("sig-a2", "sig-a3");
    }
  }

  private HttpResponse<String> summary(String session, String apiKey) throws Exception {
    HttpRequest.Builder r = http.request("/v1/sessions/" + session).GET();
    if (apiKey != null) {
      r.header("X-Api-Key", apiKey);
    }
    return http.send(r);
  }

  @Test
  void summaryFollowsTheCompactedContextTopic() throws Exception {
    String sid = http.newSession().get("session_id").asText();
    assertThat(summary(sid, API_KEY).statusCode()).isEqualTo(404);
    kafka.send("session-context", null, sid, "{\"session_id\":\"" + sid + "\",\"clicks\":1}");
    kafka.send("session-context", null, sid, "{\"session_id\":\"" + sid + "\",\"clicks\":2}");
    String latest = "{\"session_id\":\"" + sid + "\",\"clicks\":2}";
    Poll.until(
        "the latest context",
        DEADLINE,
        () -> summary(sid, API_KEY),
        r -> r.statusCode() == 200 && r.body().equals(latest));

    assertThat(summary(sid, null).statusCode()).isEqualTo(401);
    assertThat(summary(sid, "ak_wrong_key_0123456789").statusCode()).isEqualTo(401);
    assertThat(summary(sid, WRITE_KEY).statusCode()).isEqualTo(401);

    kafka.send("session-context", null, sid, null); // the session ended
    Poll.until(
        "404 after the tombstone",
        DEADLINE,
        () -> summary(sid, API_KEY),
        r -> r.statusCode() == 404);
    assertThat(summary("never-seen", API_KEY).statusCode()).isEqualTo(404);
  }
}
