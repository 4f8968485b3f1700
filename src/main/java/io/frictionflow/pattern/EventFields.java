package io.frictionflow.pattern;

import io.frictionflow.event.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The field paths a condition may read, in the JSON names of {@code docs/events.md}. Free
 * properties are read as {@code props.NAME}, unknown top-level fields as {@code extra.NAME}.
 */
public final class EventFields {
  private static final Map<String, FieldAccessor> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("event_id", Event::eventId);
    FIELDS.put("session_id", Event::sessionId);
    FIELDS.put("type", Event::type);
    FIELDS.put("time", Event::time);
    FIELDS.put("ts", Event::ts);
    FIELDS.put("sent_at", Event::sentAt);
    FIELDS.put("received_at", Event::receivedAt);
    FIELDS.put("anonymous_id", Event::anonymousId);
    FIELDS.put("user_id", Event::userId);
    FIELDS.put("page.url", e -> e.page() == null ? null : e.page().url());
    FIELDS.put("page.path", e -> e.page() == null ? null : e.page().path());
    FIELDS.put("page.referrer", e -> e.page() == null ? null : e.page().referrer());
    FIELDS.put("page.title", e -> e.page() == null ? null : e.page().title());
    FIELDS.put("page.category", e -> e.page() == null ? null : e.page().category());
    FIELDS.put("target.selector", e -> e.target() == null ? null : e.target().selector());
    FIELDS.put("target.tag", e -> e.target() == null ? null : e.target().tag());
    FIELDS.put("target.text", e -> e.target() == null ? null : e.target().text());
    FIELDS.put("target.href", e -> e.target() == null ? null : e.target().href());
    FIELDS.put("target.role", e -> e.target() == null ? null : e.target().role());
    FIELDS.put("target.new_tab", e -> e.target() == null ? null : e.target().newTab());
    FIELDS.put("target.download", e -> e.target() == null ? null : e.target().download());
    FIELDS.put("x", Event::x);
    FIELDS.put("y", Event::y);
    FIELDS.put("viewport.w", e -> e.viewport() == null ? null : e.viewport().w());
    FIELDS.put("viewport.h", e -> e.viewport() == null ? null : e.viewport().h());
    FIELDS.put("device.class", e -> e.device() == null ? null : e.device().deviceClass());
    FIELDS.put("device.ua", e -> e.device() == null ? null : e.device().ua());
    FIELDS.put("scroll.depth_pct", e -> e.scroll() == null ? null : e.scroll().depthPct());
    FIELDS.put("scroll.dy", e -> e.scroll() == null ? null : e.scroll().dy());
    FIELDS.put("field.id", e -> e.field() == null ? null : e.field().id());
    FIELDS.put("field.form", e -> e.field() == null ? null : e.field().form());
    FIELDS.put("error.message", e -> e.error() == null ? null : e.error().message());
    FIELDS.put("error.kind", e -> e.error() == null ? null : e.error().kind());
    FIELDS.put("pointer.distance", e -> e.pointer() == null ? null : e.pointer().distance());
    FIELDS.put(
        "pointer.dir_changes_x", e -> e.pointer() == null ? null : e.pointer().dirChangesX());
    FIELDS.put(
        "pointer.dir_changes_y", e -> e.pointer() == null ? null : e.pointer().dirChangesY());
    FIELDS.put("pointer.duration_ms", e -> e.pointer() == null ? null : e.pointer().durationMs());
    FIELDS.put("network.status", e -> e.network() == null ? null : e.network().status());
    FIELDS.put("network.method", e -> e.network() == null ? null : e.network().method());
    FIELDS.put("network.url", e -> e.network() == null ? null : e.network().url());
    FIELDS.put("network.duration_ms", e -> e.network() == null ? null : e.network().durationMs());
    FIELDS.put("how", Event::how);
    FIELDS.put("state", Event::state);
    FIELDS.put("modifiers", Event::modifiers);
  }

  private EventFields() {}

  /** Every fixed path, in documentation order. */
  public static Set<String> paths() {
    return Collections.unmodifiableSet(FIELDS.keySet());
  }

  /** The accessor for {@code path}, or empty when the path names no field. */
  public static Optional<FieldAccessor> accessor(String path) {
    FieldAccessor fixed = FIELDS.get(path);
    if (fixed != null) {
      return Optional.of(fixed);
    }
    if (path.startsWith("props.") && path.length() > 6) {
      String name = path.substring(6);
      return Optional.of(e -> e.props() == null ? null : e.props().get(name));
    }
    if (path.startsWith("extra.") && path.length() > 6) {
      String name = path.substring(6);
      return Optional.of(e -> e.extra() == null ? null : e.extra().get(name));
    }
    return Optional.empty();
  }
}
