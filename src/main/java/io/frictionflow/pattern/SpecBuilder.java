package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.pattern.Conditions.NumOp;
import io.frictionflow.pattern.Conditions.Ref;
import io.frictionflow.pattern.StageSpec.Follows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds parameter values into a pattern file's tree and builds the {@link PatternSpec}. */
final class SpecBuilder {
  static final Set<String> SEVERITIES = Set.of("info", "low", "medium", "high", "critical");
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
  static final Set<String> SUBJECTS =
      Set.of("field", "distance_from", "time_since", "count", "sum");
  static final Set<String> COMBINATORS = Set.of("all", "any", "not");
  static final Set<String> NUM_OPS = Set.of("lt", "lte", "gt", "gte", "between");
  static final Set<String> FIELD_OPS =
      Set.of(
          "eq",
          "ne",
          "lt",
          "lte",
          "gt",
          "gte",
          "between",
          "in",
          "not_in",
          "matches",
          "exists",
          "contains",
          "starts_with",
          "ends_with",
          "same_as",
          "not_same_as",
          "same_sign_as",
          "opposite_sign_to");
  static final Set<String> CONDITION_KEYS =
      union(SUBJECTS, COMBINATORS, FIELD_OPS, Set.of("metric", "over", "when"));

  private final PatternParser.Ctx ctx;
  private final Map<String, JsonNode> values;
  private final String profile;

  /** The parameter each substituted value came from, by field path, for error messages. */
  private final Map<String, String> fromParam = new LinkedHashMap<>();

  private final Repetitions repetitions = new Repetitions(this::error, this::from);

  private SpecBuilder(PatternParser.Ctx ctx, Map<String, JsonNode> values, String profile) {
    this.ctx = ctx;
    this.values = values;
    this.profile = profile;
  }

  /** Builds the spec under {@code values}; errors go to {@code ctx} and the result is then null. */
  static PatternSpec build(
      ObjectNode root, Map<String, JsonNode> values, String profile, PatternParser.Ctx ctx) {
    int before = ctx.errors.size();
    SpecBuilder b = new SpecBuilder(ctx, values, profile);
    ObjectNode bound = root.deepCopy();
    bound.remove("params");
    bound.remove("profiles");
    bound.remove("examples");
    JsonNode substituted = b.substitute(bound, "");
    if (ctx.errors.size() > before) {
      return null;
    }
    PatternSpec spec = b.spec((ObjectNode) substituted);
    return ctx.errors.size() > before ? null : spec;
  }

  private void error(String path, String message) {
    ctx.error(path, profile.equals("default") ? message : message + " [profile " + profile + "]");
  }

  /** Replaces every {@code $name} text value by the parameter's value; {@code $$} escapes. */
  private JsonNode substitute(JsonNode node, String path) {
    if (node.isTextual()) {
      String t = node.textValue();
      if (t.startsWith("$$")) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(
            t.substring(1));
      }
      if (t.startsWith("$")) {
        String name = t.substring(1);
        JsonNode v = values.get(name);
        if (v == null) {
          error(
              path,
              "undefined parameter $"
                  + name
                  + (values.isEmpty()
                      ? " (this file defines no params)"
                      : PatternParser.suggestion(name, values.keySet())));
          return node;
        }
        fromParam.put(path, name);
        return v;
      }
      return node;
    }
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        e.setValue(substitute(e.getValue(), PatternParser.join(path, e.getKey())));
      }
      return o;
    }
    if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, substitute(a.get(i), path + "[" + i + "]"));
      }
    }
    return node;
  }

  private PatternSpec spec(ObjectNode root) {
    String id = text(root, "id", "", true, ctx);
    int version = positiveInt(root, "version", true, 1);
    int stateVersion = positiveInt(root, "state_version", false, 1);
    String description = text(root, "description", "", true, ctx);
    String severity = text(root, "severity", "", true, ctx);
    if (severity != null && !SEVERITIES.contains(severity)) {
      error(
          "severity", "expected one of info, low, medium, high, critical; got '" + severity + "'");
    }
    List<String> tags = stringList(root.get("tags"), "tags", false);
    List<String> on = stringList(root.get("on"), "on", true);
    if (on != null && on.isEmpty()) {
      error("on", "list at least one event type the pattern listens to");
    }
    Duration window = duration(root.get("window"), "window", false);
    List<StageSpec> stages = stages(root.get("stages"), window);
    SkipSpec skip = skip(root.get("skip"), stages);
    FireSpec.Mode mode = FireSpec.Mode.EVERY_MATCH;
    JsonNode fire = root.get("fire");
    if (fire != null) {
      switch (fire.asText()) {
        case "every_match" -> mode = FireSpec.Mode.EVERY_MATCH;
        case "once_per_incident" -> mode = FireSpec.Mode.ONCE_PER_INCIDENT;
        case "once_per_session" -> mode = FireSpec.Mode.ONCE_PER_SESSION;
        default ->
            error(
                "fire",
                "expected every_match, once_per_incident or once_per_session; got "
                    + ParamValues.show(fire));
      }
    }
    Duration cooldown = duration(root.get("cooldown"), "cooldown", false);
    boolean timeouts = false;
    JsonNode to = root.get("timeouts");
    if (to != null) {
      if (to.asText().equals("signal")) {
        timeouts = true;
      } else if (!to.asText().equals("ignore")) {
        error("timeouts", "expected signal or ignore; got " + ParamValues.show(to));
      }
      if (timeouts && window == null) {
        error("timeouts", "timed-out matches need a window: add window: to the pattern");
      }
    }
    if (stages != null && !stages.isEmpty()) {
      StageSpec last = stages.get(stages.size() - 1);
      if (last.absent() && last.follows() == Follows.RELAXED && window == null) {
        error(
            "stages[" + (stages.size() - 1) + "].absent",
            "a final absent stage needs a window: the pattern can only know nothing came once"
                + " the window is over");
      }
    }
    Map<String, Object> params = new LinkedHashMap<>();
    values.forEach((k, v) -> params.put(k, v.isNumber() ? v.numberValue() : v.toString()));
    if (id == null || stages == null || on == null) {
      return null;
    }
    return new PatternSpec(
        id,
        version,
        stateVersion,
        description,
        severity,
        tags == null ? List.of() : tags,
        new LinkedHashSet<>(on),
        stages,
        window,
        skip,
        new FireSpec(mode, cooldown),
        timeouts,
        profile,
        params);
  }

  private List<StageSpec> stages(JsonNode node, Duration window) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      error("stages", "expected a non-empty list of stages");
      return null;
    }
    if (node.size() > PatternLimits.MAX_STAGES) {
      error(
          "stages",
          node.size() + " stages; a pattern has at most " + PatternLimits.MAX_STAGES + " stages");
      return null;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode n = node.get(i).get("name");
      names.add(n == null ? null : n.asText());
    }
    List<StageSpec> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "stages[" + i + "]";
      JsonNode s = node.get(i);
      if (!s.isObject()) {
        error(path, "expected a stage mapping with at least a name");
        continue;
      }
      PatternParser.checkKeys(s, path, STAGE_KEYS, ctx);
      String name = text(s, "name", path, true, ctx);
      if (name == null) {
        continue;
      }
      if (!name.matches("[a-z][a-z0-9_]*")) {
        error(path + ".name", "stage names are lower_snake_case, got '" + name + "'");
      }
      if (!seen.add(name)) {
        error(path + ".name", "duplicate stage name '" + name + "'");
      }
      boolean absent = bool(s, "absent", path);
      Follows follows = Follows.RELAXED;
      JsonNode f = s.get("follows");
      if (f != null) {
        if (i == 0) {
          error(path + ".follows", "the first stage follows nothing; remove follows");
        }
        switch (f.asText()) {
          case "strict" -> follows = Follows.STRICT;
          case "relaxed" -> follows = Follows.RELAXED;
          case "any" -> follows = Follows.ANY;
          default ->
              error(
                  path + ".follows", "expected strict, relaxed or any; got " + ParamValues.show(f));
        }
      }
      if (absent && i == 0) {
        error(path + ".absent", "a pattern cannot start with an absent stage");
      }
      if (absent && follows == Follows.ANY) {
        error(path + ".follows", "an absent stage follows strict or relaxed, not any");
      }
      Condition cond = Conditions.on(condition(s.get("where"), path + ".where", i, names, true));
      JsonNode type = s.get("type");
      if (type != null) {
        Condition typeCond = typeCondition(type, path + ".type");
        cond = cond == Condition.TRUE ? typeCond : new Conditions.All(List.of(typeCond, cond));
      }
      int min = 1;
      int max = 1;
      JsonNode times = s.get("times");
      boolean oneOrMore = bool(s, "one_or_more", path);
      if (times != null && oneOrMore) {
        error(path + ".one_or_more", "use either times or one_or_more, not both");
      }
      if (oneOrMore) {
        max = -1;
      }
      if (times != null) {
        int[] mm = repetitions.times(times, path + ".times");
        min = mm[0];
        max = mm[1];
      }
      boolean optional = bool(s, "optional", path);
      boolean greedy = bool(s, "greedy", path);
      boolean consecutive = bool(s, "consecutive", path);
      boolean combinations = bool(s, "allow_combinations", path);
      boolean looping = max != 1;
      if (absent && (times != null || oneOrMore || optional || greedy)) {
        error(path, "an absent stage takes no quantifier (times, one_or_more, optional, greedy)");
      }
      if (!looping && (greedy || consecutive || combinations)) {
        error(
            path,
            "greedy, consecutive and allow_combinations apply to repeating stages; add times or"
                + " one_or_more");
      }
      if (consecutive && combinations) {
        error(path, "consecutive and allow_combinations contradict each other");
      }
      Condition until = null;
      if (s.has("until")) {
        if (max != -1) {
          error(
              path + ".until",
              "until stops an open-ended stage: use one_or_more or times.at_least");
        }
        until = condition(s.get("until"), path + ".until", i, names, false);
        until = until == Conditions.OFF ? null : until;
      }
      Duration within = duration(s.get("within"), path + ".within", false);
      if (within != null && i == 0) {
        error(
            path + ".within", "within bounds the gap from the previous stage; the first has none");
      }
      if (within != null && window != null && within.compareTo(window) > 0) {
        error(
            path + ".within",
            "impossible window: "
                + Durations.format(within)
                + " is longer than the pattern window "
                + Durations.format(window));
      }
      if (looping && min > 0 && max > 0 && window != null && window.isZero()) {
        error("window", "impossible window: zero");
      }
      out.add(
          new StageSpec(
              name,
              follows,
              absent,
              cond,
              min,
              max,
              optional,
              greedy,
              consecutive,
              combinations,
              until,
              within));
    }
    if (window != null && window.isZero()) {
      error("window", "impossible window: a pattern window must be longer than zero");
    }
    repetitions.checkTotal(out);
    return out;
  }

  /** Where a value came from when a parameter supplied it, e.g. " (from $clicks)". */
  private String from(String path) {
    String name = fromParam.get(path);
    return name == null ? "" : " (from $" + name + ")";
  }

  private SkipSpec skip(JsonNode node, List<StageSpec> stages) {
    if (node == null) {
      return SkipSpec.NO_SKIP;
    }
    if (node.isTextual()) {
      return switch (node.textValue()) {
        case "no_skip" -> SkipSpec.NO_SKIP;
        case "to_next" -> new SkipSpec("to_next", null);
        case "past_last_event" -> new SkipSpec("past_last_event", null);
        default -> {
          error(
              "skip",
              "expected no_skip, to_next, past_last_event, {to_first: STAGE} or {to_last: STAGE};"
                  + " got "
                  + ParamValues.show(node));
          yield SkipSpec.NO_SKIP;
        }
      };
    }
    if (node.isObject() && node.size() == 1 && (node.has("to_first") || node.has("to_last"))) {
      String kind = node.has("to_first") ? "to_first" : "to_last";
      String stage = node.get(kind).asText();
      if (stages != null && stages.stream().noneMatch(s -> s.name().equals(stage))) {
        error("skip." + kind, "no stage named '" + stage + "'");
      }
      return new SkipSpec(kind, stage);
    }
    error(
        "skip",
        "expected no_skip, to_next, past_last_event, {to_first: STAGE} or {to_last: STAGE}");
    return SkipSpec.NO_SKIP;
  }

  private Condition typeCondition(JsonNode type, String path) {
    FieldAccessor acc = EventFields.accessor("type").orElseThrow();
    if (type.isTextual()) {
      return new Conditions.Equals("type", acc, type.textValue(), false);
    }
    if (type.isArray() && !type.isEmpty()) {
      Set<Object> set = new LinkedHashSet<>();
      type.forEach(t -> set.add(t.asText()));
      return new Conditions.In("type", acc, set, false);
    }
    error(path, "expected an event type or a list of them");
    return Condition.TRUE;
  }

  /** Parses a condition; a list means all of its items. */
  private Condition condition(
      JsonNode node, String path, int stage, List<String> names, boolean optional) {
    if (node == null) {
      if (!optional) {
        error(path, "expected a condition");
      }
      return Condition.TRUE;
    }
    if (node.isArray()) {
      List<Condition> parts = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        parts.add(condition(node.get(i), path + "[" + i + "]", stage, names, false));
      }
      return Conditions.combine(parts, true);
    }
    if (!node.isObject()) {
      error(path, "expected a condition such as {field: target.tag, eq: button}");
      return Condition.TRUE;
    }
    PatternParser.checkKeys(node, path, CONDITION_KEYS, ctx);
    if (node.has("when")) {
      JsonNode when = node.get("when");
      if (!when.isBoolean()) {
        error(path + ".when", "when takes true or false, usually a bool parameter");
        return Condition.TRUE;
      }
      if (!when.booleanValue()) {
        return Conditions.OFF;
      }
      node = ((ObjectNode) node).deepCopy();
      ((ObjectNode) node).remove("when");
    }
    List<String> combinators = present(node, COMBINATORS);
    List<String> subjects = present(node, SUBJECTS);
    if (combinators.size() + subjects.size() != 1) {
      error(
          path,
          "a condition has exactly one of field, distance_from, time_since, count, sum, all, any,"
              + " not;"
              + " found "
              + (combinators.size() + subjects.size() == 0
                  ? "none"
                  : String.join(", ", union(Set.copyOf(combinators), Set.copyOf(subjects)))));
      return Condition.TRUE;
    }
    if (!combinators.isEmpty()) {
      String c = combinators.get(0);
      if (node.size() > 1) {
        error(path, c + " stands alone; put other tests inside it");
      }
      JsonNode inner = node.get(c);
      if (c.equals("not")) {
        Condition part = condition(inner, path + ".not", stage, names, false);
        return part == Conditions.OFF ? Conditions.OFF : new Conditions.Not(part);
      }
      if (!inner.isArray() || inner.isEmpty()) {
        error(path + "." + c, "expected a non-empty list of conditions");
        return Condition.TRUE;
      }
      List<Condition> parts = new ArrayList<>();
      for (int i = 0; i < inner.size(); i++) {
        parts.add(condition(inner.get(i), path + "." + c + "[" + i + "]", stage, names, false));
      }
      return Conditions.combine(parts, c.equals("all"));
    }
    String subject = subjects.get(0);
    List<String> ops = present(node, FIELD_OPS);
    if (ops.isEmpty()) {
      error(path, "say what to test: add an operator such as eq, in, lt, matches or exists");
      return Condition.TRUE;
    }
    if (node.has("metric") && !subject.equals("distance_from")) {
      error(path + ".metric", "metric applies to distance_from only");
    }
    if (node.has("over") != subject.equals("sum")) {
      error(path, "sum takes over: STAGE, and over applies to sum only");
      return Condition.TRUE;
    }
    List<Condition> tests = new ArrayList<>();
    switch (subject) {
      case "field" -> {
        String fp = node.get("field").asText();
        FieldAccessor acc = EventFields.accessor(fp).orElse(null);
        if (acc == null) {
          error(
              path + ".field",
              "unknown field '"
                  + fp
                  + "'"
                  + PatternParser.suggestion(fp, EventFields.paths())
                  + "; free properties are props.NAME");
          return Condition.TRUE;
        }
        for (String op : ops) {
          Condition c = fieldTest(fp, acc, op, node.get(op), path + "." + op, stage, names);
          if (c != null) {
            tests.add(c);
          }
        }
      }
      case "distance_from", "time_since" -> {
        Ref ref = ref(node.get(subject), path + "." + subject, stage, names);
        boolean manhattan = false;
        if (subject.equals("distance_from") && node.has("metric")) {
          String m = node.get("metric").asText();
          if (!m.equals("manhattan") && !m.equals("euclidean")) {
            error(path + ".metric", "expected euclidean or manhattan, got '" + m + "'");
          }
          manhattan = m.equals("manhattan");
        }
        for (String op : ops) {
          if (!NUM_OPS.contains(op)) {
            error(path + "." + op, subject + " takes lt, lte, gt, gte or between, not " + op);
            continue;
          }
          boolean time = subject.equals("time_since");
          for (double[] b : bounds(op, node.get(op), path + "." + op, time)) {
            NumOp nop = NumOp.values()[(int) b[0]];
            tests.add(
                time
                    ? new Conditions.TimeSince(ref, nop, b[1])
                    : new Conditions.Distance(ref, manhattan, nop, b[1]));
          }
        }
      }
      case "sum" -> {
        String fp = node.get("sum").asText();
        FieldAccessor acc = EventFields.accessor(fp).orElse(null);
        String st = node.get("over").asText();
        int idx = names.indexOf(st);
        if (acc == null) {
          error(
              path + ".sum",
              "unknown field '" + fp + "'" + PatternParser.suggestion(fp, EventFields.paths()));
          return Condition.TRUE;
        }
        if (idx < 0 || idx > stage) {
          error(
              path + ".over",
              "over refers to stage '" + st + "', which is not this stage or an earlier one");
        }
        for (String op : ops) {
          if (!NUM_OPS.contains(op)) {
            error(path + "." + op, "sum takes lt, lte, gt, gte or between, not " + op);
            continue;
          }
          for (double[] b : bounds(op, node.get(op), path + "." + op, false)) {
            tests.add(new Conditions.Sum(fp, acc, st, NumOp.values()[(int) b[0]], b[1]));
          }
        }
      }
      default -> {
        String st = node.get("count").asText();
        int idx = names.indexOf(st);
        if (idx < 0 || idx > stage) {
          error(
              path + ".count",
              "count refers to stage '" + st + "', which is not this stage or an earlier one");
        }
        for (String op : ops) {
          if (!NUM_OPS.contains(op)) {
            error(path + "." + op, "count takes lt, lte, gt, gte or between, not " + op);
            continue;
          }
          for (double[] b : bounds(op, node.get(op), path + "." + op, false)) {
            tests.add(new Conditions.Count(st, NumOp.values()[(int) b[0]], b[1]));
          }
        }
      }
    }
    return tests.size() == 1 ? tests.get(0) : new Conditions.All(tests);
  }

  private Condition fieldTest(
      String fp,
      FieldAccessor acc,
      String op,
      JsonNode v,
      String path,
      int stage,
      List<String> names) {
    switch (op) {
      case "eq", "ne" -> {
        if (!v.isValueNode() || v.isNull()) {
          error(path, op + " compares with one value; for several use in");
          return null;
        }
        return new Conditions.Equals(fp, acc, literal(v), op.equals("ne"));
      }
      case "in", "not_in" -> {
        if (!v.isArray()) {
          error(path, op + " expects a list of values");
          return null;
        }
        Set<Object> set = new LinkedHashSet<>();
        v.forEach(x -> set.add(literal(x)));
        return new Conditions.In(fp, acc, set, op.equals("not_in"));
      }
      case "lt", "lte", "gt", "gte", "between" -> {
        List<Condition> cs = new ArrayList<>();
        for (double[] b : bounds(op, v, path, false)) {
          cs.add(new Conditions.NumCompare(fp, acc, NumOp.values()[(int) b[0]], b[1]));
        }
        return cs.size() == 1 ? cs.get(0) : new Conditions.All(cs);
      }
      case "matches" -> {
        if (!v.isValueNode() || v.isNull()) {
          error(path, "matches takes a regular expression as text (" + Regexes.SYNTAX + ")");
          return null;
        }
        try {
          return new Conditions.Matches(fp, acc, Regexes.compile(v.asText()));
        } catch (IllegalArgumentException e) {
          error(path, e.getMessage());
          return null;
        }
      }
      case "exists" -> {
        if (!v.isBoolean()) {
          error(path, "exists takes true or false");
          return null;
        }
        return new Conditions.Exists(fp, acc, v.booleanValue());
      }
      case "contains", "starts_with", "ends_with" -> {
        if (!v.isValueNode()) {
          error(path, op + " takes text");
          return null;
        }
        return new Conditions.Text(fp, acc, op, v.asText());
      }
      case "same_sign_as", "opposite_sign_to" -> {
        return new Conditions.Sign(
            fp, acc, ref(v, path, stage, names), op.equals("opposite_sign_to"));
      }
      default -> {
        Ref ref = ref(v, path, stage, names);
        return new Conditions.SameAs(fp, acc, ref, op.equals("not_same_as"));
      }
    }
  }

  private static Object literal(JsonNode v) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    return v.asText();
  }

  /** Parses numeric bounds; each result is {op ordinal, bound}. Durations become ms. */
  private List<double[]> bounds(String op, JsonNode v, String path, boolean time) {
    List<double[]> out = new ArrayList<>();
    if (op.equals("between")) {
      if (!v.isArray() || v.size() != 2) {
        error(path, "between takes [low, high]");
        return out;
      }
      Double lo = number(v.get(0), path + "[0]", time);
      Double hi = number(v.get(1), path + "[1]", time);
      if (lo != null && hi != null) {
        if (lo > hi) {
          error(path, "between: low is above high");
        }
        out.add(new double[] {NumOp.GTE.ordinal(), lo});
        out.add(new double[] {NumOp.LTE.ordinal(), hi});
      }
      return out;
    }
    Double b = number(v, path, time);
    if (b != null) {
      NumOp nop = NumOp.valueOf(op.toUpperCase(java.util.Locale.ROOT));
      out.add(new double[] {nop.ordinal(), b});
    }
    return out;
  }

  private Double number(JsonNode v, String path, boolean time) {
    if (time) {
      try {
        return (double) Durations.of(v).toMillis();
      } catch (IllegalArgumentException e) {
        error(path, e.getMessage() + from(path));
        return null;
      }
    }
    if (!v.isNumber()) {
      error(path, "expected a number, got " + ParamValues.show(v));
      return null;
    }
    return v.doubleValue();
  }

  private Ref ref(JsonNode v, String path, int stage, List<String> names) {
    String r = v == null ? "" : v.asText();
    if (r.equals("previous")) {
      return Ref.PREVIOUS;
    }
    if (r.equals("first")) {
      return Ref.FIRST;
    }
    int idx = names.indexOf(r);
    if (idx < 0) {
      error(
          path,
          "refers to '"
              + r
              + "': expected previous, first or the name of this or an earlier stage");
    } else if (idx > stage) {
      error(
          path,
          "refers to stage '" + r + "', which comes later; only earlier events can be compared");
    }
    return new Ref("stage", r);
  }

  private static List<String> present(JsonNode node, Set<String> keys) {
    List<String> out = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (keys.contains(k)) {
                out.add(k);
              }
            });
    return out;
  }

  private boolean bool(JsonNode obj, String key, String path) {
    JsonNode v = obj.get(key);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      error(PatternParser.join(path, key), "expected true or false, got " + ParamValues.show(v));
      return false;
    }
    return v.booleanValue();
  }

  private int positiveInt(JsonNode obj, String key, boolean required, int dflt) {
    JsonNode v = obj.get(key);
    if (v == null) {
      if (required) {
        error(key, key + " is required");
      }
      return dflt;
    }
    if (!v.isIntegralNumber() || v.intValue() < 1) {
      error(key, "expected a whole number of at least 1, got " + ParamValues.show(v));
      return dflt;
    }
    return v.intValue();
  }

  private Duration duration(JsonNode v, String path, boolean required) {
    if (v == null) {
      if (required) {
        error(path, "required");
      }
      return null;
    }
    try {
      return Durations.of(v);
    } catch (IllegalArgumentException e) {
      error(path, e.getMessage() + from(path));
      return null;
    }
  }

  private List<String> stringList(JsonNode v, String path, boolean required) {
    if (v == null) {
      if (required) {
        error(path, path + " is required");
      }
      return null;
    }
    if (v.isTextual()) {
      return List.of(v.textValue());
    }
    if (!v.isArray()) {
      error(path, "expected a list of names");
      return null;
    }
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out;
  }

  /** A required or optional text field of {@code obj}; errors go to {@code ctx}. */
  static String text(
      JsonNode obj, String key, String path, boolean required, PatternParser.Ctx ctx) {
    JsonNode v = obj.get(key);
    String p = PatternParser.join(path, key);
    if (v == null || v.isNull()) {
      if (required) {
        ctx.error(p, key + " is required");
      }
      return null;
    }
    if (!v.isTextual() && !v.isNumber()) {
      ctx.error(p, "expected text, got " + ParamValues.show(v));
      return null;
    }
    return v.asText();
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> out = new LinkedHashSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return out;
  }
}
