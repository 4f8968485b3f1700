package io.frictionflow.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a downstream tool should know of a live session, kept in keyed state (a Flink POJO): where
 * it started, the pages it visited, its last events in compact form, the friction so far. Bounded:
 * the lists keep the most recent entries only, strings are masked and cut (see {@link Redactor}).
 */
public class SessionContext {
  public long startTime = -1;
  public long lastTime;
  public long lastPublished = Long.MIN_VALUE;
  public long eventCount;
  public String entryPage;
  public String entryReferrer;
  public String deviceClass;
  public List<PageVisit> pages = new ArrayList<>();
  public List<CompactEvent> lastEvents = new ArrayList<>();
  public Map<String, Integer> friction = new HashMap<>();

  public SessionContext() {}

  /** One page of the session: its path, category, when it was viewed and how long (so far). */
  public record PageVisit(String path, String category, long start, long dwellMs) {}

  /** One event, reduced to what helps a person or an assistant understand the session. */
  public record CompactEvent(String type, long time, String target, String text, String page) {}
}
