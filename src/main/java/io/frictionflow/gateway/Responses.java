package io.frictionflow.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** JSON answers. */
final class Responses {
  private Responses() {}

  static void json(HttpServerExchange x, int status, String body) {
    x.setStatusCode(status);
    x.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    x.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    x.getResponseSender().send(body);
  }

  /** {@code {"error": message}} with {@code status}. */
  static void error(HttpServerExchange x, int status, String message) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("error", message);
    json(x, status, o.toString());
  }

  /** An error the client should retry after {@code seconds}. */
  static void retry(HttpServerExchange x, int status, long seconds, String message) {
    x.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
    error(x, status, message);
  }
}
