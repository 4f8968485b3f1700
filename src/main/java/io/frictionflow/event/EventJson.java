package io.frictionflow.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Writes an {@link Event} back to canonical JSON (the inverse of {@link EventDecoder}). */
public final class EventJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private EventJson() {}

  /** The event as a JSON tree; {@code ts} keeps the device time, not the corrected time. */
  public static ObjectNode toTree(Event e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("event_id", e.eventId());
    o.put("session_id", e.sessionId());
    o.put("type", e.type());
    o.put("ts", e.ts());
    putIf(o, "sent_at", e.sentAt());
    putIf(o, "received_at", e.receivedAt());
    putIf(o, "anonymous_id", e.anonymousId());
    putIf(o, "user_id", e.userId());
    if (e.page() != null) {
      ObjectNode p = o.putObject("page");
      putIf(p, "url", e.page().url());
      putIf(p, "path", e.page().path());
      putIf(p, "referrer", e.page().referrer());
      putIf(p, "title", e.page().title());
      putIf(p, "category", e.page().category());
    }
    if (e.target() != null) {
      ObjectNode t = o.putObject("target");
      putIf(t, "selector", e.target().selector());
      putIf(t, "tag", e.target().tag());
      putIf(t, "text", e.target().text());
      putIf(t, "href", e.target().href());
      putIf(t, "role", e.target().role());
      putIf(t, "new_tab", e.target().newTab());
      putIf(t, "download", e.target().download());
    }
    putIf(o, "x", e.x());
    putIf(o, "y", e.y());
    if (e.viewport() != null) {
      ObjectNode v = o.putObject("viewport");
      putIf(v, "w", e.viewport().w());
      putIf(v, "h", e.viewport().h());
    }
    if (e.device() != null) {
      ObjectNode d = o.putObject("device");
      putIf(d, "class", e.device().deviceClass());
      putIf(d, "ua", e.device().ua());
    }
    if (e.scroll() != null) {
      ObjectNode s = o.putObject("scroll");
      putIf(s, "depth_pct", e.scroll().depthPct());
      putIf(s, "dy", e.scroll().dy());
    }
    if (e.field() != null) {
      ObjectNode f = o.putObject("field");
      putIf(f, "id", e.field().id());
      putIf(f, "form", e.field().form());
    }
    if (e.error() != null) {
      ObjectNode r = o.putObject("error");
      putIf(r, "message", e.error().message());
      putIf(r, "kind", e.error().kind());
    }
    if (e.pointer() != null) {
      ObjectNode p = o.putObject("pointer");
      putIf(p, "distance", e.pointer().distance());
      putIf(p, "dir_changes_x", e.pointer().dirChangesX());
      putIf(p, "dir_changes_y", e.pointer().dirChangesY());
      putIf(p, "duration_ms", e.pointer().durationMs());
    }
    if (e.network() != null) {
      ObjectNode n = o.putObject("network");
      putIf(n, "status", e.network().status());
      putIf(n, "method", e.network().method());
      putIf(n, "url", e.network().url());
      putIf(n, "duration_ms", e.network().durationMs());
    }
    putIf(o, "how", e.how());
    putIf(o, "state", e.state());
    putIf(o, "modifiers", e.modifiers());
    if (e.props() != null) {
      ObjectNode p = o.putObject("props");
      e.props().forEach((k, v) -> p.set(k, reparse(v)));
    }
    if (e.extra() != null) {
      for (Map.Entry<String, String> x : e.extra().entrySet()) {
        o.set(x.getKey(), reparse(x.getValue()));
      }
    }
    return o;
  }

  /** The event as one line of JSON. */
  public static String toJson(Event e) {
    return toTree(e).toString();
  }

  /** A rejected record as one line of JSON: raw payload, reason, field, detail, time. */
  public static String toJson(FailedEvent f) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("reason", f.reason());
    o.put("field", f.field());
    o.put("detail", f.detail());
    o.put("failed_at", java.time.Instant.ofEpochMilli(f.failedAt()).toString());
    o.put("raw", f.raw());
    return o.toString();
  }

  /** A kept value back as JSON: objects, arrays, numbers and literals parse; the rest is text. */
  private static JsonNode reparse(String v) {
    if (v == null) {
      return MAPPER.nullNode();
    }
    if (!v.isEmpty()) {
      char c = v.charAt(0);
      if (c == '{'
          || c == '['
          || c == '-'
          || (c >= '0' && c <= '9')
          || v.equals("true")
          || v.equals("false")
          || v.equals("null")) {
        try {
          return MAPPER.readTree(v);
        } catch (Exception e) {
          // Plain text that happens to look like JSON: keep it as text.
        }
      }
    }
    return MAPPER.getNodeFactory().textNode(v);
  }

  private static void putIf(ObjectNode o, String name, Object v) {
    if (v == null) {
      return;
    }
    if (v instanceof String s) {
      o.put(name, s);
    } else if (v instanceof Integer i) {
      o.put(name, i);
    } else if (v instanceof Long l) {
      o.put(name, l);
    } else if (v instanceof Double d) {
      o.put(name, d);
    } else if (v instanceof Boolean b) {
      o.put(name, b);
    }
  }
}
