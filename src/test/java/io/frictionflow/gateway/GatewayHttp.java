package io.frictionflow.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test's HTTP client of a running gateway: real requests over loopback. */
final class GatewayHttp {
  static final String ORIGIN = "http://shop.test";
  static final String WRITE_KEY = "wk_test_site_1";
  static final String API_KEY = "ak_test_server_0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  GatewayHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** The YAML of a test gateway on {@code bootstrap}, with {@code extra} lines appended. */
  static String config(String bootstrap, String... extra) {
    return String.join(
        "\n",
        "listen: 127.0.0.1:0",
        "kafka:",
        "  bootstrap-servers: " + bootstrap,
        "  send-timeout: 2s",
        "sites:",
        "  - id: test-site",
        "    write-key: " + WRITE_KEY,
        "    origins: [\"" + ORIGIN + "\"]",
        "api-keys: [\"" + API_KEY + "\"]",
        "token-secret: test-token-secret-0123456789abcdefghij",
        String.join("\n", extra));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
  }

  HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A new session: {session_id, token}. */
  JsonNode newSession() throws Exception {
    HttpResponse<String> r =
        send(
            request("/v1/sessions")
                .header("X-Write-Key", WRITE_KEY)
                .header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.noBody()));
    if (r.statusCode() != 201) {
      throw new AssertionError("POST /v1/sessions: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** POST /v1/events with the site's key and origin, and {@code token}. */
  HttpResponse<String> postEvents(String token, String body) throws Exception {
    HttpRequest.Builder r =
        request("/v1/events")
            .header("X-Write-Key", WRITE_KEY)
            .header("Origin", ORIGIN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return send(r);
  }

  /** A batch body of {@code session} with click events of these ids. */
  static String batch(String session, String... eventIds) {
    StringBuilder b = new StringBuilder("{\"session_id\":\"" + session + "\",\"events\":[");
    for (int i = 0; i < eventIds.length; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"event_id\":\"")
          .append(eventIds[i])
          .append("\",\"type\":\"click\",\"ts\":\"2026-12-02T10:00:0")
          .append(i % 10)
          .append(".000Z\",\"received_at\":1,\"session_id\":\"forged\",")
          .append("\"page\":{\"url\":\"https://shop.test/cart\"},")
          .append("\"target\":{\"tag\":\"button\",\"selector\":\"#coupon\"}}");
    }
    return b.append("]}").toString();
  }

  /** An open SSE stream: its lines as they arrive. */
  static final class Stream implements AutoCloseable {
    final int status;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final java.util.stream.Stream<String> body;
    private final Thread reader;

    Stream(HttpResponse<java.util.stream.Stream<String>> r) {
      this.status = r.statusCode();
      this.body = r.body();
      // "field:value" and "field: value" are the same SSE line.
      this.reader =
          new Thread(
              () ->
                  body.forEach(l -> lines.add(l.replaceFirst("^(id|event|data|retry): ?", "$1: "))),
              "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** The ids of the signal events received so far, in order. */
    List<String> ids() {
      return lines.stream().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
    }

    /** The data lines received so far. */
    List<String> data() {
      return lines.stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    @Override
    public void close() {
      body.close();
    }
  }

  /** Opens {@code GET /v1/sessions/{session}/signals?token=}; optional Last-Event-ID. */
  Stream stream(String session, String token, String lastEventId) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(
                URI.create(base + "/v1/sessions/" + session + "/signals?token=" + token))
            .header("Origin", ORIGIN)
            .header("Accept", "text/event-stream")
            .GET();
    if (lastEventId != null) {
      r.header("Last-Event-ID", lastEventId);
    }
    return new Stream(client.send(r.build(), HttpResponse.BodyHandlers.ofLines()));
  }
}
