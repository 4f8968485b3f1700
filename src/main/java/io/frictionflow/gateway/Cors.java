package io.frictionflow.gateway;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin rules: a browser request carries an {@code Origin}, which must be one of its site's
 * origins (any site's for a preflight, which carries no write key). A request without {@code
 * Origin} is not from a page's script and passes; the write key and token still apply.
 */
final class Cors {
  static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
  static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
  static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
  static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
  static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");

  private final Set<String> anySite = new HashSet<>();

  Cors(List<GatewayConfig.Site> sites) {
    sites.forEach(s -> anySite.addAll(s.origins()));
  }

  static String origin(HttpServerExchange x) {
    return x.getRequestHeaders().getFirst(Headers.ORIGIN);
  }

  /** Whether the request may come from its origin for {@code site} (null: any site). */
  boolean allowed(HttpServerExchange x, GatewayConfig.Site site) {
    String o = origin(x);
    return o == null || (site == null ? anySite.contains(o) : site.origins().contains(o));
  }

  /** Marks the answer readable by the request's origin (call only once allowed). */
  void allow(HttpServerExchange x) {
    String o = origin(x);
    if (o != null) {
      x.getResponseHeaders().put(ALLOW_ORIGIN, o);
      x.getResponseHeaders().add(Headers.VARY, "Origin");
      x.getResponseHeaders().put(EXPOSE_HEADERS, "Retry-After");
    }
  }

  /** Answers a preflight: 204 for an allowed origin, 403 otherwise. */
  void preflight(HttpServerExchange x) {
    String o = origin(x);
    if (o == null || !anySite.contains(o)) {
      Responses.error(x, 403, "origin not allowed: " + o);
      return;
    }
    allow(x);
    x.getResponseHeaders().put(ALLOW_METHODS, "GET, POST, OPTIONS");
    x.getResponseHeaders()
        .put(ALLOW_HEADERS, "X-Write-Key, Authorization, Content-Type, Last-Event-ID");
    x.getResponseHeaders().put(MAX_AGE, "600");
    x.setStatusCode(204);
    x.endExchange();
  }
}
