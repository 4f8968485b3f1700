package io.frictionflow.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code /v1} endpoints; see docs/browser.md for each one's checks and answers. */
final class ApiHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String SESSIONS = "/v1/sessions/";
  private static final String SIGNALS = "/signals";

  private final GatewayConfig config;
  private final Map<String, GatewayConfig.Site> sitesByKey = new HashMap<>();
  private final Cors cors;
  private final SessionTokens tokens;
  private final SessionRates rates;
  private final EventWriter writer;
  private final ContextView contexts;
  private final SignalHub signals;
  private final ServerSentEventHandler streams;

  ApiHandler(GatewayConfig config, EventWriter writer, ContextView contexts, SignalHub signals) {
    this.config = config;
    config.sites().forEach(s -> sitesByKey.put(s.writeKey(), s));
    this.cors = new Cors(config.sites());
    this.tokens = new SessionTokens(config.tokenSecret());
    this.rates =
        new SessionRates(config.sessionRate(), config.sessionBurst(), config.maxSessions());
    this.writer = writer;
    this.contexts = contexts;
    this.signals = signals;
    long keepAlive = config.keepAlive().toMillis();
    this.streams =
        new ServerSentEventHandler(
            (connection, lastEventId) -> {
              connection.setKeepAliveTime(keepAlive);
              String path = connection.getRequestURI();
              String id = path.substring(SESSIONS.length(), path.length() - SIGNALS.length());
              String last = lastEventId;
              if (last == null || last.isEmpty()) {
                var q = connection.getQueryParameters().get("last_event_id");
                last = q == null ? null : q.peekFirst();
              }
              signals.connect(id, connection, last);
            });
  }

  @Override
  public void handleRequest(HttpServerExchange x) throws Exception {
    String path = x.getRequestPath();
    if (x.getRequestMethod().equals(Methods.OPTIONS)) {
      cors.preflight(x);
      return;
    }
    boolean get = x.getRequestMethod().equals(Methods.GET);
    boolean post = x.getRequestMethod().equals(Methods.POST);
    if (path.equals("/v1/events") && post) {
      events(x);
    } else if (path.equals("/v1/sessions") && post) {
      newSession(x);
    } else if (path.startsWith(SESSIONS) && path.endsWith(SIGNALS) && get) {
      stream(x, path.substring(SESSIONS.length(), path.length() - SIGNALS.length()));
    } else if (path.startsWith(SESSIONS) && get) {
      summary(x, path.substring(SESSIONS.length()));
    } else if (path.equals("/v1/events") || path.startsWith("/v1/sessions")) {
      Responses.error(x, 405, "method not allowed: " + x.getRequestMethod());
    } else {
      Responses.error(x, 404, "no such endpoint: " + path);
    }
  }

  /** The site of the request's write key (header, else {@code write_key} query for beacons). */
  private Optional<GatewayConfig.Site> site(HttpServerExchange x) {
    String key = x.getRequestHeaders().getFirst("X-Write-Key");
    if (key == null) {
      key = query(x, "write_key");
    }
    return Optional.ofNullable(key == null ? null : sitesByKey.get(key));
  }

  private static String query(HttpServerExchange x, String name) {
    var q = x.getQueryParameters().get(name);
    return q == null ? null : q.peekFirst();
  }

  /** Checks write key and origin; answers and returns null when they fail. */
  private GatewayConfig.Site writer(HttpServerExchange x) {
    Optional<GatewayConfig.Site> site = site(x);
    if (site.isEmpty()) {
      // Readable by an allowed page, so that the tracker sees why.
      if (cors.allowed(x, null)) {
        cors.allow(x);
      }
      Responses.error(x, 401, "missing or unknown X-Write-Key");
      return null;
    }
    if (!cors.allowed(x, site.get())) {
      Responses.error(
          x, 403, "origin " + Cors.origin(x) + " not allowed for site " + site.get().id());
      return null;
    }
    cors.allow(x);
    return site.get();
  }

  private void newSession(HttpServerExchange x) {
    if (writer(x) == null) {
      return;
    }
    String id = tokens.newSessionId();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("session_id", id);
    o.put("token", tokens.token(id));
    Responses.json(x, 201, o.toString());
  }

  private void events(HttpServerExchange x) throws IOException {
    if (x.isInIoThread()) {
      x.dispatch(this);
      return;
    }
    if (writer(x) == null) {
      return;
    }
    String declared = x.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
    long length = declared == null ? -1 : parseLength(declared);
    if (length > config.maxBodyBytes()) {
      Responses.error(x, 413, "body of " + length + " bytes over max-body-bytes");
      return;
    }
    x.startBlocking();
    byte[] body = readBody(x.getInputStream(), config.maxBodyBytes());
    if (body == null) {
      Responses.error(x, 413, "body over max-body-bytes " + config.maxBodyBytes());
      return;
    }
    EventBatch batch;
    try {
      batch = EventBatch.parse(body, System.currentTimeMillis());
    } catch (EventBatch.BadBatchException e) {
      Responses.error(x, 400, e.getMessage());
      return;
    }
    String token = bearer(x);
    if (token == null) {
      Responses.error(x, 401, "missing Authorization: Bearer <session token>");
      return;
    }
    if (!tokens.valid(batch.sessionId(), token)) {
      Responses.error(x, 403, "token is not the token of session_id " + batch.sessionId());
      return;
    }
    int n = batch.lines().size();
    if (n > rates.burst()) {
      Responses.error(x, 413, n + " events over the session burst of " + rates.burst());
      return;
    }
    long wait = rates.take(batch.sessionId(), n, System.nanoTime());
    if (wait > 0) {
      Responses.retry(x, 429, wait, "session over " + config.sessionRate() + " events/s");
      return;
    }
    try {
      writer.write(batch);
    } catch (EventWriter.UnavailableException e) {
      LOG.warn("gateway: answering 503: {}", e.getMessage());
      Responses.retry(x, 503, 2, "events store unavailable; retry with the same event ids");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Responses.retry(x, 503, 2, "gateway stopping");
      return;
    }
    Responses.json(x, 202, "{\"accepted\":" + n + "}");
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The body, or null when it is longer than {@code max}. */
  private static byte[] readBody(InputStream in, int max) throws IOException {
    try {
      byte[] b = in.readNBytes(max + 1);
      return b.length > max ? null : b;
    } catch (IOException e) {
      if (e.getClass().getSimpleName().equals("RequestTooBigException")) {
        return null;
      }
      throw e;
    }
  }

  private static String bearer(HttpServerExchange x) {
    String h = x.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).trim();
    }
    return query(x, "token");
  }

  private void stream(HttpServerExchange x, String sessionId) throws Exception {
    if (!cors.allowed(x, null)) {
      Responses.error(x, 403, "origin not allowed: " + Cors.origin(x));
      return;
    }
    cors.allow(x);
    String token = query(x, "token");
    if (token == null) {
      token = bearer(x);
    }
    if (!tokens.valid(sessionId, token)) {
      Responses.error(x, 403, "token is not the token of session " + sessionId);
      return;
    }
    x.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    x.getResponseHeaders().put(new io.undertow.util.HttpString("X-Accel-Buffering"), "no");
    streams.handleRequest(x);
  }

  private void summary(HttpServerExchange x, String sessionId) {
    String key = x.getRequestHeaders().getFirst("X-Api-Key");
    if (key == null || !config.apiKeys().contains(key)) {
      Responses.error(x, 401, "missing or unknown X-Api-Key");
      return;
    }
    if (!contexts.ready()) {
      Responses.retry(x, 503, 1, "session view still loading");
      return;
    }
    Optional<String> c = contexts.get(sessionId);
    if (c.isEmpty()) {
      Responses.error(x, 404, "no live session " + sessionId);
      return;
    }
    Responses.json(x, 200, c.get());
  }
}
