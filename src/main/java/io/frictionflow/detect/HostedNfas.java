package io.frictionflow.detect;

import io.frictionflow.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The detector's patterns, indexed by event type (what an event is fed to) and state prefix. */
final class HostedNfas {
  final List<HostedNfa> all = new ArrayList<>();
  private final Map<String, HostedNfa> byKey = new HashMap<>();
  private final Map<String, List<HostedNfa>> byType = new HashMap<>();

  HostedNfas(List<HostedPattern> patterns) {
    for (HostedPattern p : patterns) {
      HostedNfa n = new HostedNfa(p);
      if (byKey.putIfAbsent(n.key(), n) != null) {
        throw new IllegalArgumentException("two patterns with the state prefix " + n.key());
      }
      all.add(n);
      for (String type : p.spec().on()) {
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(n);
      }
    }
  }

  /** The pattern with this state prefix, or null (one no longer hosted). */
  HostedNfa byKey(String key) {
    return byKey.get(key);
  }

  /**
   * The patterns that {@code e} reaches: its type is one of their {@code on:}, in their sessions.
   */
  List<HostedNfa> select(Event e) {
    List<HostedNfa> byItsType = byType.get(e.type());
    if (byItsType == null) {
      return List.of();
    }
    List<HostedNfa> out = new ArrayList<>(byItsType.size());
    for (HostedNfa n : byItsType) {
      if (n.pattern.selectsSession(e.sessionId())) {
        out.add(n);
      }
    }
    return out;
  }
}
