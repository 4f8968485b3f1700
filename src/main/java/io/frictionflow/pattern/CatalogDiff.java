package io.frictionflow.pattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a catalog with the one running and classifies each pattern's change by what it does to
 * savepoint state. FlinkCEP keeps partial matches under stage names: changing conditions, windows
 * or contiguity, or appending a stage, restores; renaming or removing a stage fails the restore
 * (and only when that session is next touched), so it must come with a state-version bump, which
 * gives the pattern a new operator uid and drops its partial matches. Pure.
 */
public final class CatalogDiff {
  /** What a change means for state. */
  public enum Kind {
    UNCHANGED,
    COMPATIBLE,
    STATE_VERSION_BUMPED,
    BREAKING_WITHOUT_BUMP,
    NEW,
    REMOVED
  }

  /** One pattern's change. */
  public record Change(String patternId, Kind kind, String detail) {
    /** Whether the change is safe to deploy with a savepoint. */
    public boolean ok() {
      return kind != Kind.BREAKING_WITHOUT_BUMP;
    }
  }

  private CatalogDiff() {}

  /** The changes from {@code previous} to {@code current}, by pattern id. */
  public static List<Change> compare(
      List<PatternDefinition> previous, List<PatternDefinition> current) {
    Map<String, PatternSpec> before = specs(previous);
    Map<String, PatternSpec> after = specs(current);
    Map<String, Object> beforeTrees = new LinkedHashMap<>();
    previous.forEach(d -> beforeTrees.put(d.id(), d.tree()));
    Map<String, Object> afterTrees = new LinkedHashMap<>();
    current.forEach(d -> afterTrees.put(d.id(), d.tree()));
    TreeSet<String> ids = new TreeSet<>(before.keySet());
    ids.addAll(after.keySet());
    List<Change> out = new ArrayList<>();
    for (String id : ids) {
      PatternSpec b = before.get(id);
      PatternSpec a = after.get(id);
      if (b == null) {
        out.add(new Change(id, Kind.NEW, "new pattern, operator " + a.uid()));
        continue;
      }
      if (a == null) {
        out.add(
            new Change(
                id,
                Kind.REMOVED,
                "removed: restore with --allowNonRestoredState; the partial matches of "
                    + b.uid()
                    + " are dropped"));
        continue;
      }
      List<String> lost = new ArrayList<>(b.stageNames());
      lost.removeAll(a.stageNames());
      boolean bumped = a.stateVersion() != b.stateVersion();
      if (bumped) {
        out.add(
            new Change(
                id,
                Kind.STATE_VERSION_BUMPED,
                "state version "
                    + b.stateVersion()
                    + " -> "
                    + a.stateVersion()
                    + ": new operator "
                    + a.uid()
                    + "; restore with --allowNonRestoredState drops the partial matches of "
                    + b.uid()
                    + (lost.isEmpty() ? "" : " (stages renamed or removed: " + lost + ")")));
      } else if (!lost.isEmpty()) {
        out.add(
            new Change(
                id,
                Kind.BREAKING_WITHOUT_BUMP,
                "stage(s) "
                    + lost
                    + " renamed or removed without a state_version bump: a restore would fail with"
                    + " 'State ... does not exist in the NFA' when a session is next touched; bump"
                    + " state_version to "
                    + (b.stateVersion() + 1)));
      } else if (beforeTrees.get(id).equals(afterTrees.get(id))) {
        out.add(new Change(id, Kind.UNCHANGED, "unchanged"));
      } else {
        List<String> added = new ArrayList<>(a.stageNames());
        added.removeAll(b.stageNames());
        out.add(
            new Change(
                id,
                Kind.COMPATIBLE,
                "compatible: keeps partial matches"
                    + (added.isEmpty() ? "" : " (stages added: " + added + ")")));
      }
    }
    return out;
  }

  private static Map<String, PatternSpec> specs(List<PatternDefinition> defs) {
    Map<String, PatternSpec> out = new LinkedHashMap<>();
    for (PatternDefinition d : defs) {
      if (d.enabled()) {
        out.put(d.id(), d.resolve(null, Map.of()));
      }
    }
    return out;
  }
}
