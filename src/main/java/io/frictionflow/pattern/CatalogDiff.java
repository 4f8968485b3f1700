package io.frictionflow.pattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.cep.nfa.compiler.NFACompiler;

/**
 * Compares a catalog with the one running and classifies each pattern's change by what it does to
 * savepoint state. FlinkCEP keeps partial matches under the names of its NFA states (a stage, and
 * one per repetition of a repeated stage): changing conditions, windows or contiguity, appending a
 * stage or raising a repetition count restores; renaming or removing a stage, or lowering a
 * repetition count, fails the restore (and only when that session is next touched), so it must come
 * with a state-version bump, which gives the pattern a new operator uid and drops its partial
 * matches. Pure.
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
      // The names FlinkCEP keeps partial matches under: the stages, and for a repeated stage one
      // state per repetition (clicks, clicks:0, clicks:1, ...), so lowering a `times` parameter
      // removes states just as a rename does.
      List<String> lost = new ArrayList<>(nfaStateNames(b));
      lost.removeAll(nfaStateNames(a));
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
                    + (lost.isEmpty() ? "" : " (" + describe(lost, a) + ")")));
      } else if (!lost.isEmpty()) {
        out.add(
            new Change(
                id,
                Kind.BREAKING_WITHOUT_BUMP,
                describe(lost, a)
                    + " without a state_version bump: a restore would fail with"
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

  /**
   * Lost NFA states in the author's terms: stages renamed or removed, and stages that kept their
   * name but lost repetitions ({@code clicks:1} is the third state of stage {@code clicks}).
   */
  private static String describe(List<String> lostStates, PatternSpec after) {
    TreeSet<String> stages = new TreeSet<>();
    TreeSet<String> repeated = new TreeSet<>();
    for (String state : lostStates) {
      int colon = state.indexOf(':');
      String stage = colon < 0 ? state : state.substring(0, colon);
      (after.stageNames().contains(stage) ? repeated : stages).add(stage);
    }
    List<String> parts = new ArrayList<>();
    if (!stages.isEmpty()) {
      parts.add("stage(s) " + stages + " renamed or removed");
    }
    if (!repeated.isEmpty()) {
      parts.add("stage(s) " + repeated + " repeat fewer times");
    }
    return String.join("; ", parts);
  }

  /** The state names of the pattern's compiled NFA, in a stable order. */
  static List<String> nfaStateNames(PatternSpec spec) {
    TreeSet<String> names = new TreeSet<>();
    NFACompiler.compileFactory(CepPatternCompiler.compile(spec), false)
        .createNFA()
        .getStates()
        .forEach(st -> names.add(st.getName()));
    return new ArrayList<>(names);
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
