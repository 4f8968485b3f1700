package io.frictionflow.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.session.SessionContext.CompactEvent;
import io.frictionflow.session.SessionContext.PageVisit;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * Keeps a {@link SessionContext} up to date and renders it as the {@code context} object of signals
 * and of the session-context topic; also redacts late and failed events the same way. Pure. Every
 * string enters the context through the {@link Redactor}, which cuts it to {@code maxString} before
 * any matching, so nothing unmasked is stored and no event costs more than a bounded amount of
 * work; form field values are never kept at all.
 */
public final class ContextBuilder implements Serializable {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final int maxEvents;
  private final int maxPages;
  private final int maxString;
  private final Redactor redactor;

  /**
   * @param maxEvents most recent events kept
   * @param maxPages most recent pages kept
   * @param maxString longest text kept; longer text is cut with an ellipsis
   */
  public ContextBuilder(int maxEvents, int maxPages, int maxString, Redactor redactor) {
    this.maxEvents = maxEvents;
    this.maxPages = maxPages;
    this.maxString = maxString;
    this.redactor = redactor;
  }

  /** The redacted copy of a late event (see {@link Redactor#event}). */
  public Event redactLate(Event e) {
    return redactor.event(e, maxString);
  }

  /** The redacted copy of a rejected record (see {@link Redactor#failed}). */
  public FailedEvent redactFailed(FailedEvent f) {
    return redactor.failed(f, maxString);
  }

  /** Adds {@code e} to the context. */
  public void update(SessionContext c, Event e) {
    if (c.startTime < 0) {
      c.startTime = e.time();
      c.deviceClass = e.device() == null ? null : text(e.device().deviceClass());
    }
    c.lastTime = Math.max(c.lastTime, e.time());
    c.eventCount++;
    String path = e.page() == null ? null : url(e.page().path());
    if (e.type().equals("page_view")) {
      if (c.entryPage == null) {
        c.entryPage = path;
        c.entryReferrer = e.page() == null ? null : url(e.page().referrer());
      }
      closeLastPage(c, e.time());
      c.pages.add(
          new PageVisit(path, e.page() == null ? null : text(e.page().category()), e.time(), 0));
      trim(c.pages, maxPages);
    }
    String target = e.target() == null ? null : text(e.target().selector());
    String text =
        e.error() != null
            ? text(e.error().message())
            : e.target() == null ? null : text(e.target().text());
    c.lastEvents.add(new CompactEvent(text(e.type()), e.time(), target, text, path));
    trim(c.lastEvents, maxEvents);
  }

  /** Counts a friction signal. */
  public void recordSignal(SessionContext c, String patternId) {
    c.friction.merge(patternId, 1, Integer::sum);
  }

  /** The context as JSON, with the intent score (or null), after the redactor's path rules. */
  public ObjectNode toJson(SessionContext c, Double intentScore) {
    ObjectNode o = JSON.createObjectNode();
    o.put("session_start", Instant.ofEpochMilli(c.startTime).toString());
    o.put("duration_s", (c.lastTime - c.startTime) / 1000.0);
    o.put("event_count", c.eventCount);
    o.put("entry_page", c.entryPage);
    o.put("entry_referrer", c.entryReferrer);
    o.put("device_class", c.deviceClass);
    ArrayNode pages = o.putArray("pages");
    for (int i = 0; i < c.pages.size(); i++) {
      PageVisit p = c.pages.get(i);
      long dwell = i == c.pages.size() - 1 ? c.lastTime - p.start() : p.dwellMs();
      pages
          .addObject()
          .put("path", p.path())
          .put("category", p.category())
          .put("dwell_s", dwell / 1000.0);
    }
    ArrayNode events = o.putArray("last_events");
    for (CompactEvent e : c.lastEvents) {
      ObjectNode n = events.addObject();
      n.put("type", e.type());
      n.put("time", Instant.ofEpochMilli(e.time()).toString());
      if (e.target() != null) {
        n.put("target", e.target());
      }
      if (e.text() != null) {
        n.put("text", e.text());
      }
      if (e.page() != null) {
        n.put("page", e.page());
      }
    }
    ObjectNode friction = o.putObject("friction");
    new TreeMap<>(c.friction).forEach(friction::put);
    if (intentScore == null) {
      o.putNull("intent_score");
    } else {
      o.put("intent_score", Math.round(intentScore * 10_000) / 10_000.0);
    }
    return redactor.apply(o);
  }

  private static void closeLastPage(SessionContext c, long t) {
    if (c.pages.isEmpty()) {
      return;
    }
    int last = c.pages.size() - 1;
    PageVisit p = c.pages.get(last);
    c.pages.set(last, new PageVisit(p.path(), p.category(), p.start(), Math.max(0, t - p.start())));
  }

  private static <T> void trim(List<T> list, int max) {
    while (list.size() > max) {
      list.remove(0);
    }
  }

  private String text(String s) {
    return redactor.text(s, maxString);
  }

  private String url(String s) {
    return redactor.url(s, maxString);
  }
}
