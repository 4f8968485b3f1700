package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.frictionflow.pattern.StageSpec.Follows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads a pattern file's {@code stages:} into {@link StageSpec}s and checks what a stage may say:
 * names, how it follows, its quantifier and its {@code within} against the pattern window.
 */
final class StageReader {
  static final Set<String> STAGE_KEYS =
      Set.of(
          "name",
          "type",
          "where",
          "follows",
          "absent",
          "times",
          "one_or_more",
          "optional",
          "greedy",
          "consecutive",
          "allow_combinations",
          "until",
          "within");

  private final PatternParser.Ctx ctx;
  private final BiConsumer<String, String> error;
  private final ValueParser values;
  private final Repetitions repetitions;

  /**
   * @param ctx where unknown keys and missing names are reported
   * @param error takes a field path and a message
   * @param values reads plain values
   * @param repetitions reads {@code times} and holds the repetitions to the limit
   */
  StageReader(
      PatternParser.Ctx ctx,
      BiConsumer<String, String> error,
      ValueParser values,
      Repetitions repetitions) {
    this.ctx = ctx;
    this.error = error;
    this.values = values;
    this.repetitions = repetitions;
  }

  /** The stages of {@code node} under pattern window {@code window} (or null); null if unusable. */
  List<StageSpec> stages(JsonNode node, Duration window) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      error.accept("stages", "expected a non-empty list of stages");
      return null;
    }
    if (node.size() > PatternLimits.MAX_STAGES) {
      error.accept(
          "stages",
          node.size() + " stages; a pattern has at most " + PatternLimits.MAX_STAGES + " stages");
      return null;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode n = node.get(i).get("name");
      names.add(n == null ? null : n.asText());
    }
    ConditionParser conditions = new ConditionParser(ctx, error, values, names);
    List<StageSpec> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "stages[" + i + "]";
      JsonNode s = node.get(i);
      if (!s.isObject()) {
        error.accept(path, "expected a stage mapping with at least a name");
        continue;
      }
      StageSpec stage = stage(s, i, path, window, seen, conditions);
      if (stage != null) {
        out.add(stage);
      }
    }
    if (window != null && window.isZero()) {
      error.accept("window", "impossible window: a pattern window must be longer than zero");
    }
    repetitions.checkTotal(out);
    return out;
  }

  /** Stage number {@code i}; null when it has no name. */
  private StageSpec stage(
      JsonNode s,
      int i,
      String path,
      Duration window,
      Set<String> seen,
      ConditionParser conditions) {
    PatternParser.checkKeys(s, path, STAGE_KEYS, (k, v) -> KeyHints.onStage(k, v, STAGE_KEYS), ctx);
    String name = ValueParser.text(s, "name", path, true, ctx);
    if (name == null) {
      return null;
    }
    if (!name.matches("[a-z][a-z0-9_]*")) {
      error.accept(path + ".name", "stage names are lower_snake_case, got '" + name + "'");
    }
    if (!seen.add(name)) {
      error.accept(path + ".name", "duplicate stage name '" + name + "'");
    }
    boolean absent = values.bool(s, "absent", path);
    Follows follows = follows(s.get("follows"), i, path);
    if (absent && i == 0) {
      error.accept(path + ".absent", "a pattern cannot start with an absent stage");
    }
    if (absent && follows == Follows.ANY) {
      error.accept(path + ".follows", "an absent stage follows strict or relaxed, not any");
    }
    Condition cond = Conditions.on(conditions.parse(s.get("where"), path + ".where", i, true));
    JsonNode type = s.get("type");
    if (type != null) {
      Condition typeCond = conditions.type(type, path + ".type");
      cond = cond == Condition.TRUE ? typeCond : new Conditions.All(List.of(typeCond, cond));
    }
    Times times = Times.ONCE;
    JsonNode t = s.get("times");
    boolean oneOrMore = values.bool(s, "one_or_more", path);
    if (t != null && oneOrMore) {
      error.accept(path + ".one_or_more", "use either times or one_or_more, not both");
    }
    if (oneOrMore) {
      times = new Times(1, Times.OPEN);
    }
    if (t != null) {
      times = repetitions.times(t, path + ".times");
    }
    boolean optional = values.bool(s, "optional", path);
    boolean greedy = values.bool(s, "greedy", path);
    boolean consecutive = values.bool(s, "consecutive", path);
    boolean combinations = values.bool(s, "allow_combinations", path);
    boolean looping = times.looping();
    if (absent && (t != null || oneOrMore || optional || greedy)) {
      error.accept(
          path, "an absent stage takes no quantifier (times, one_or_more, optional, greedy)");
    }
    if (!looping && (greedy || consecutive || combinations)) {
      error.accept(
          path,
          "greedy, consecutive and allow_combinations apply to repeating stages; add times or"
              + " one_or_more");
    }
    if (consecutive && combinations) {
      error.accept(path, "consecutive and allow_combinations contradict each other");
    }
    Condition until = null;
    if (s.has("until")) {
      if (times.max() != Times.OPEN) {
        error.accept(
            path + ".until", "until stops an open-ended stage: use one_or_more or times.at_least");
      }
      until = conditions.parse(s.get("until"), path + ".until", i, false);
      until = until == Conditions.OFF ? null : until;
    }
    Duration within = within(s.get("within"), i, path, window);
    if (looping && times.min() > 0 && times.max() > 0 && window != null && window.isZero()) {
      error.accept("window", "impossible window: zero");
    }
    return new StageSpec(
        name,
        follows,
        absent,
        cond,
        times.min(),
        times.max(),
        optional,
        greedy,
        consecutive,
        combinations,
        until,
        within);
  }

  private Follows follows(JsonNode f, int i, String path) {
    if (f == null) {
      return Follows.RELAXED;
    }
    if (i == 0) {
      error.accept(path + ".follows", "the first stage follows nothing; remove follows");
    }
    return switch (f.asText()) {
      case "strict" -> Follows.STRICT;
      case "relaxed" -> Follows.RELAXED;
      case "any" -> Follows.ANY;
      default -> {
        error.accept(
            path + ".follows", "expected strict, relaxed or any; got " + ParamValues.show(f));
        yield Follows.RELAXED;
      }
    };
  }

  private Duration within(JsonNode node, int i, String path, Duration window) {
    Duration within = values.duration(node, path + ".within", false);
    if (within != null && i == 0) {
      error.accept(
          path + ".within", "within bounds the gap from the previous stage; the first has none");
    }
    if (within != null && window != null && within.compareTo(window) > 0) {
      error.accept(
          path + ".within",
          "impossible window: "
              + Durations.format(within)
              + " is longer than the pattern window "
              + Durations.format(window));
    }
    return within;
  }
}
