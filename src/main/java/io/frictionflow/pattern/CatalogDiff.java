package io.frictionflow.pattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.cep.nfa.compiler.NFACompiler;

/**
 * Compares a catalog with the one running and classifies each pattern's change by what it does to
 * savepoint state. FlinkCEP keeps partial matches under the names of its NFA states (a stage, and
 * one per repetition of a repeated stage): changing conditions, windows or contiguity, or appending
 * a stage at the end, restores; renaming or removing a stage fails the restore (and only when that
 * session is next touched), and changing a repetition count, the order of stages, inserting a stage
 * before existing ones or making a stage optional or required resumes partial matches in an
 * automaton whose states mean something else (the names are kept, the transitions between them are
 * not), so each must come with a state-version bump, which gives the pattern's state in the
 * detector new names ({@link PatternSpec#uid}) and drops its partial matches. Pure.
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
    Map<String, PatternDefinition> beforeDefs = byId(previous);
    Map<String, PatternDefinition> afterDefs = byId(current);
    TreeSet<String> ids = new TreeSet<>(before.keySet());
    ids.addAll(after.keySet());
    List<Change> out = new ArrayList<>();
    for (String id : ids) {
      PatternSpec b = before.get(id);
      PatternSpec a = after.get(id);
      if (b == null) {
        out.add(new Change(id, Kind.NEW, "new pattern, state " + a.uid()));
        continue;
      }
      if (a == null) {
        out.add(
            new Change(
                id,
                Kind.REMOVED,
                "removed: the partial matches under "
                    + b.uid()
                    + " are dropped (left unread in the detector's state)"));
        continue;
      }
      // The names FlinkCEP keeps partial matches under: one per stage, and for a repeated stage one
      // per repetition, numbered from the last (times 3 on clicks: clicks:1, clicks:0, clicks).
      // A stage that loses a name breaks the restore; one whose repetition count changes keeps
      // names with another meaning (the start state of times 3 is not one of times 4). Compared
      // under the default parameters and under every profile both versions have.
      // Same names can still make another automaton: the order of the stages, where a new one
      // sits, and which ones may be skipped decide the transitions a restored state resumes on.
      Set<String> changed = new LinkedHashSet<>();
      Set<String> reshaped = new LinkedHashSet<>();
      for (String profile : sharedProfiles(beforeDefs.get(id), afterDefs.get(id))) {
        PatternSpec pb = beforeDefs.get(id).resolve(profile, Map.of());
        PatternSpec pa = afterDefs.get(id).resolve(profile, Map.of());
        changed.addAll(changedStates(pb, pa));
        for (String shape : shapeChanges(pb, pa)) {
          boolean seen = reshaped.stream().anyMatch(r -> r.startsWith(shape));
          if (!seen) {
            reshaped.add(profile == null ? shape : shape + " under profile " + profile);
          }
        }
      }
      List<String> lost = new ArrayList<>(changed);
      String why = describe(lost, a, reshaped);
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
                    + ": new state "
                    + a.uid()
                    + "; the partial matches under "
                    + b.uid()
                    + " are dropped (left unread in the detector's state)"
                    + (why.isEmpty() ? "" : " (" + why + ")")));
      } else if (!why.isEmpty()) {
        out.add(
            new Change(
                id,
                Kind.BREAKING_WITHOUT_BUMP,
                why
                    + " without a state_version bump: a restore would fail with"
                    + " 'State ... does not exist in the NFA' when a session is next touched, or"
                    + " resume partial matches in states that now mean something else; bump"
                    + " state_version to "
                    + (b.stateVersion() + 1)));
      } else if (beforeDefs.get(id).tree().equals(afterDefs.get(id).tree())) {
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
   * Why the partial matches of {@code before} cannot resume in {@code after} under the same state
   * version (both bound as the job binds them), in the author's terms; empty when they can. What
   * the running job checks before it applies an edit ({@code detect.DetectOperator}).
   */
  public static String stateBreak(PatternSpec before, PatternSpec after) {
    return describe(
        changedStates(before, after), after, new LinkedHashSet<>(shapeChanges(before, after)));
  }

  /**
   * The NFA states of stages in both versions whose names were lost or whose repetitions changed.
   */
  private static List<String> changedStates(PatternSpec b, PatternSpec a) {
    Map<String, List<String>> was = byStage(nfaStateNames(b));
    Map<String, List<String>> now = byStage(nfaStateNames(a));
    List<String> out = new ArrayList<>();
    for (var e : was.entrySet()) {
      List<String> after = now.get(e.getKey());
      if (after == null || !after.equals(e.getValue())) {
        out.addAll(e.getValue());
      }
    }
    return out;
  }

  private static Map<String, List<String>> byStage(List<String> states) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String st : states) {
      out.computeIfAbsent(stageOf(st), k -> new ArrayList<>()).add(st);
    }
    return out;
  }

  /** The stage an NFA state belongs to: {@code clicks:1} is a repetition of {@code clicks}. */
  private static String stageOf(String state) {
    int colon = state.indexOf(':');
    return colon < 0 ? state : state.substring(0, colon);
  }

  /** Null (the defaults) and the profiles that both versions of the pattern define. */
  private static List<String> sharedProfiles(PatternDefinition b, PatternDefinition a) {
    List<String> out = new ArrayList<>();
    out.add(null);
    for (String p : new TreeSet<>(b.profiles().keySet())) {
      if (a.profiles().containsKey(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static Map<String, PatternDefinition> byId(List<PatternDefinition> defs) {
    Map<String, PatternDefinition> out = new LinkedHashMap<>();
    defs.forEach(d -> out.put(d.id(), d));
    return out;
  }

  /**
   * What changed the automaton while keeping state names, in the author's terms: stages in both
   * versions whose order changed, new stages not at the end, and stages made optional or required.
   */
  static List<String> shapeChanges(PatternSpec b, PatternSpec a) {
    List<String> was = b.stageNames();
    List<String> now = a.stageNames();
    List<String> out = new ArrayList<>();
    List<String> keptWas = was.stream().filter(now::contains).toList();
    List<String> keptNow = now.stream().filter(was::contains).toList();
    if (!keptWas.equals(keptNow)) {
      out.add("stage order changed from " + keptWas + " to " + keptNow);
    }
    int lastKept = keptNow.isEmpty() ? -1 : now.indexOf(keptNow.get(keptNow.size() - 1));
    List<String> inserted =
        now.subList(0, lastKept + 1).stream().filter(n -> !was.contains(n)).toList();
    if (!inserted.isEmpty()) {
      out.add(
          "stage(s) "
              + inserted
              + " inserted before existing stages (only stages appended at the end keep state)");
    }
    List<String> optional = new ArrayList<>();
    List<String> required = new ArrayList<>();
    for (StageSpec s : a.stages()) {
      int i = was.indexOf(s.name());
      if (i >= 0 && b.stages().get(i).optional() != s.optional()) {
        (s.optional() ? optional : required).add(s.name());
      }
    }
    if (!optional.isEmpty()) {
      out.add("stage(s) " + optional + " made optional");
    }
    if (!required.isEmpty()) {
      out.add("stage(s) " + required + " made required (no longer optional)");
    }
    return out;
  }

  /**
   * Changed NFA states in the author's terms: stages renamed or removed, and stages that kept their
   * name but repeat a different number of times; then {@code reshaped}.
   */
  private static String describe(
      List<String> changedStates, PatternSpec after, Set<String> reshaped) {
    TreeSet<String> stages = new TreeSet<>();
    TreeSet<String> repeated = new TreeSet<>();
    for (String state : changedStates) {
      String stage = stageOf(state);
      (after.stageNames().contains(stage) ? repeated : stages).add(stage);
    }
    List<String> parts = new ArrayList<>();
    if (!stages.isEmpty()) {
      parts.add("stage(s) " + stages + " renamed or removed");
    }
    if (!repeated.isEmpty()) {
      parts.add("stage(s) " + repeated + " repeat a different number of times");
    }
    parts.addAll(reshaped);
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
