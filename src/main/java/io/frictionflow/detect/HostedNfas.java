package io.frictionflow.detect;

import io.frictionflow.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The detector's patterns, indexed by event type (what an event is fed to) and state prefix; with a
 * live catalog, also the patterns no longer hosted (removed, or replaced under a new state version)
 * whose state sessions may still hold, which the detector clears when it next touches a session.
 */
final class HostedNfas {
  final List<HostedNfa> all = new ArrayList<>();
  private final Map<String, HostedNfa> byKey = new HashMap<>();
  private final Map<String, List<HostedNfa>> byType = new HashMap<>();
  private final Map<String, HostedNfa> retired = new HashMap<>();

  HostedNfas(List<HostedPattern> patterns) {
    this(patterns, null);
  }

  /**
   * @param reuse patterns hosted before: a pattern hosted there as the same {@link HostedPattern}
   *     is taken over as it is (compiled, bound and open), not compiled again; may be null
   */
  HostedNfas(List<HostedPattern> patterns, HostedNfas reuse) {
    for (HostedPattern p : patterns) {
      HostedNfa was = reuse == null ? null : reuse.byKey(p.statePrefix());
      HostedNfa n = was != null && was.pattern == p ? was : new HostedNfa(p);
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

  /** Keeps {@code n}'s state bound, not hosted: sessions that still hold it clear it lazily. */
  void retire(HostedNfa n) {
    if (!byKey.containsKey(n.key())) {
      retired.put(n.key(), n);
    }
  }

  /** The retired pattern with this state prefix, or null. */
  HostedNfa retired(String key) {
    return retired.get(key);
  }

  /** Every retired pattern. */
  Iterable<HostedNfa> retired() {
    return retired.values();
  }

  /** Whether any pattern is retired (otherwise a session has nothing to clear). */
  boolean hasRetired() {
    return !retired.isEmpty();
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
