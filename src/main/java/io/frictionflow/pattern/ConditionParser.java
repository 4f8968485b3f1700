package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.pattern.Conditions.Ref;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads the condition language of a stage's {@code type}, {@code where} and {@code until} into
 * {@link Condition} data: one subject ({@code field}, {@code distance_from}, {@code time_since},
 * {@code count}, {@code sum}) with its operators, or a combinator ({@code all}, {@code any}, {@code
 * not}). A bad condition is reported and reads as {@link Condition#TRUE}.
 */
final class ConditionParser {
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
  private final BiConsumer<String, String> error;
  private final ValueParser values;
  private final List<String> names;

  /**
   * @param ctx where unknown keys are reported
   * @param error takes a field path and a message
   * @param values reads the bounds of numeric operators
   * @param names the pattern's stage names in order (null for a stage without one), which
   *     references and {@code count}/{@code over} are checked against
   */
  ConditionParser(
      PatternParser.Ctx ctx,
      BiConsumer<String, String> error,
      ValueParser values,
      List<String> names) {
    this.ctx = ctx;
    this.error = error;
    this.values = values;
    this.names = names;
  }

  /** A stage's {@code type}: one event type or a list of them. */
  Condition type(JsonNode type, String path) {
    FieldAccessor acc = EventFields.accessor("type").orElseThrow();
    if (type.isTextual()) {
      return new Conditions.Equals("type", acc, type.textValue(), false);
    }
    if (type.isArray() && !type.isEmpty()) {
      Set<Object> set = new LinkedHashSet<>();
      type.forEach(t -> set.add(t.asText()));
      return new Conditions.In("type", acc, set, false);
    }
    error.accept(path, "expected an event type or a list of them");
    return Condition.TRUE;
  }

  /**
   * The condition {@code node} of stage number {@code stage}; a list means all of its items. It may
   * be {@link Conditions#OFF} when {@code when: false} turned it off.
   *
   * @param optional whether a missing condition is fine (it then holds)
   */
  Condition parse(JsonNode node, String path, int stage, boolean optional) {
    if (node == null) {
      if (!optional) {
        error.accept(path, "expected a condition");
      }
      return Condition.TRUE;
    }
    if (node.isArray()) {
      List<Condition> parts = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        parts.add(parse(node.get(i), path + "[" + i + "]", stage, false));
      }
      return Conditions.combine(parts, true);
    }
    if (!node.isObject()) {
      error.accept(path, "expected a condition such as {field: target.tag, eq: button}");
      return Condition.TRUE;
    }
    PatternParser.checkKeys(node, path, CONDITION_KEYS, KeyHints::inCondition, ctx);
    if (node.has("when")) {
      JsonNode when = node.get("when");
      if (!when.isBoolean()) {
        error.accept(path + ".when", "when takes true or false, usually a bool parameter");
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
    boolean unknownKeys = present(node, CONDITION_KEYS).size() < node.size();
    if (combinators.isEmpty() && subjects.isEmpty() && unknownKeys) {
      return Condition.TRUE; // the unknown key's error says what to write instead
    }
    if (combinators.size() + subjects.size() != 1) {
      error.accept(
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
      return combinator(node, combinators.get(0), path, stage);
    }
    String subject = subjects.get(0);
    List<String> ops = present(node, FIELD_OPS);
    if (ops.isEmpty()) {
      error.accept(path, "say what to test: add an operator such as eq, in, lt, matches or exists");
      return Condition.TRUE;
    }
    if (node.has("metric") && !subject.equals("distance_from")) {
      error.accept(path + ".metric", "metric applies to distance_from only");
    }
    if (node.has("over") != subject.equals("sum")) {
      error.accept(path, "sum takes over: STAGE, and over applies to sum only");
      return Condition.TRUE;
    }
    List<Condition> tests =
        switch (subject) {
          case "field" -> field(node, ops, path, stage);
          case "distance_from", "time_since" -> relative(node, subject, ops, path, stage);
          case "sum" -> sum(node, ops, path, stage);
          default -> count(node, ops, path, stage);
        };
    if (tests == null) {
      return Condition.TRUE;
    }
    return tests.size() == 1 ? tests.get(0) : new Conditions.All(tests);
  }

  private Condition combinator(JsonNode node, String c, String path, int stage) {
    if (node.size() > 1) {
      error.accept(path, c + " stands alone; put other tests inside it");
    }
    JsonNode inner = node.get(c);
    if (c.equals("not")) {
      Condition part = parse(inner, path + ".not", stage, false);
      return part == Conditions.OFF ? Conditions.OFF : new Conditions.Not(part);
    }
    if (!inner.isArray() || inner.isEmpty()) {
      error.accept(path + "." + c, "expected a non-empty list of conditions");
      return Condition.TRUE;
    }
    List<Condition> parts = new ArrayList<>();
    for (int i = 0; i < inner.size(); i++) {
      parts.add(parse(inner.get(i), path + "." + c + "[" + i + "]", stage, false));
    }
    return Conditions.combine(parts, c.equals("all"));
  }

  /** The tests of a {@code field:} condition; null when the field is unknown. */
  private List<Condition> field(JsonNode node, List<String> ops, String path, int stage) {
    String fp = node.get("field").asText();
    FieldAccessor acc = EventFields.accessor(fp).orElse(null);
    if (acc == null) {
      error.accept(
          path + ".field",
          "unknown field '"
              + fp
              + "'"
              + PatternParser.suggestion(fp, EventFields.paths())
              + "; free properties are props.NAME");
      return null;
    }
    List<Condition> tests = new ArrayList<>();
    for (String op : ops) {
      Condition c = fieldTest(fp, acc, op, node.get(op), path + "." + op, stage);
      if (c != null) {
        tests.add(c);
      }
    }
    return tests;
  }

  /** The tests of a {@code distance_from:} or {@code time_since:} condition. */
  private List<Condition> relative(
      JsonNode node, String subject, List<String> ops, String path, int stage) {
    Ref ref = ref(node.get(subject), path + "." + subject, stage);
    boolean manhattan = false;
    if (subject.equals("distance_from") && node.has("metric")) {
      String m = node.get("metric").asText();
      if (!m.equals("manhattan") && !m.equals("euclidean")) {
        error.accept(path + ".metric", "expected euclidean or manhattan, got '" + m + "'");
      }
      manhattan = m.equals("manhattan");
    }
    boolean time = subject.equals("time_since");
    List<Condition> tests = new ArrayList<>();
    for (String op : ops) {
      if (!NUM_OPS.contains(op)) {
        error.accept(path + "." + op, subject + " takes lt, lte, gt, gte or between, not " + op);
        continue;
      }
      for (Bound b : values.bounds(op, node.get(op), path + "." + op, time)) {
        tests.add(
            time
                ? new Conditions.TimeSince(ref, b.op(), b.value())
                : new Conditions.Distance(ref, manhattan, b.op(), b.value()));
      }
    }
    return tests;
  }

  /** The tests of a {@code sum:} condition; null when the field is unknown. */
  private List<Condition> sum(JsonNode node, List<String> ops, String path, int stage) {
    String fp = node.get("sum").asText();
    FieldAccessor acc = EventFields.accessor(fp).orElse(null);
    String st = node.get("over").asText();
    int idx = names.indexOf(st);
    if (acc == null) {
      error.accept(
          path + ".sum",
          "unknown field '" + fp + "'" + PatternParser.suggestion(fp, EventFields.paths()));
      return null;
    }
    if (idx < 0 || idx > stage) {
      error.accept(
          path + ".over",
          "over refers to stage '" + st + "', which is not this stage or an earlier one");
    }
    List<Condition> tests = new ArrayList<>();
    for (String op : ops) {
      if (!NUM_OPS.contains(op)) {
        error.accept(path + "." + op, "sum takes lt, lte, gt, gte or between, not " + op);
        continue;
      }
      for (Bound b : values.bounds(op, node.get(op), path + "." + op, false)) {
        tests.add(new Conditions.Sum(fp, acc, st, b.op(), b.value()));
      }
    }
    return tests;
  }

  /** The tests of a {@code count:} condition. */
  private List<Condition> count(JsonNode node, List<String> ops, String path, int stage) {
    String st = node.get("count").asText();
    int idx = names.indexOf(st);
    if (idx < 0 || idx > stage) {
      error.accept(
          path + ".count",
          "count refers to stage '" + st + "', which is not this stage or an earlier one");
    }
    List<Condition> tests = new ArrayList<>();
    for (String op : ops) {
      if (!NUM_OPS.contains(op)) {
        error.accept(path + "." + op, "count takes lt, lte, gt, gte or between, not " + op);
        continue;
      }
      for (Bound b : values.bounds(op, node.get(op), path + "." + op, false)) {
        tests.add(new Conditions.Count(st, b.op(), b.value()));
      }
    }
    return tests;
  }

  /** One operator of a {@code field:} condition; null after an error. */
  private Condition fieldTest(
      String fp, FieldAccessor acc, String op, JsonNode v, String path, int stage) {
    switch (op) {
      case "eq", "ne" -> {
        if (!v.isValueNode() || v.isNull()) {
          error.accept(path, op + " compares with one value; for several use in");
          return null;
        }
        return new Conditions.Equals(fp, acc, ValueParser.literal(v), op.equals("ne"));
      }
      case "in", "not_in" -> {
        if (!v.isArray()) {
          error.accept(path, op + " expects a list of values");
          return null;
        }
        Set<Object> set = new LinkedHashSet<>();
        v.forEach(x -> set.add(ValueParser.literal(x)));
        return new Conditions.In(fp, acc, set, op.equals("not_in"));
      }
      case "lt", "lte", "gt", "gte", "between" -> {
        List<Condition> cs = new ArrayList<>();
        for (Bound b : values.bounds(op, v, path, false)) {
          cs.add(new Conditions.NumCompare(fp, acc, b.op(), b.value()));
        }
        return cs.size() == 1 ? cs.get(0) : new Conditions.All(cs);
      }
      case "matches" -> {
        if (!v.isValueNode() || v.isNull()) {
          error.accept(path, "matches takes a regular expression as text (" + Regexes.SYNTAX + ")");
          return null;
        }
        try {
          return new Conditions.Matches(fp, acc, Regexes.compile(v.asText()));
        } catch (IllegalArgumentException e) {
          error.accept(path, e.getMessage());
          return null;
        }
      }
      case "exists" -> {
        if (!v.isBoolean()) {
          error.accept(path, "exists takes true or false");
          return null;
        }
        return new Conditions.Exists(fp, acc, v.booleanValue());
      }
      case "contains", "starts_with", "ends_with" -> {
        if (!v.isValueNode()) {
          error.accept(path, op + " takes text");
          return null;
        }
        return new Conditions.Text(fp, acc, op, v.asText());
      }
      case "same_sign_as", "opposite_sign_to" -> {
        return new Conditions.Sign(fp, acc, ref(v, path, stage), op.equals("opposite_sign_to"));
      }
      default -> {
        Ref ref = ref(v, path, stage);
        return new Conditions.SameAs(fp, acc, ref, op.equals("not_same_as"));
      }
    }
  }

  /** A reference to an earlier event: previous, first, or this or an earlier stage's name. */
  private Ref ref(JsonNode v, String path, int stage) {
    String r = v == null ? "" : v.asText();
    if (r.equals("previous")) {
      return Ref.PREVIOUS;
    }
    if (r.equals("first")) {
      return Ref.FIRST;
    }
    int idx = names.indexOf(r);
    if (idx < 0) {
      error.accept(
          path,
          "refers to '"
              + r
              + "': expected previous, first or the name of this or an earlier stage");
    } else if (idx > stage) {
      error.accept(
          path,
          "refers to stage '" + r + "', which comes later; only earlier events can be compared");
    }
    return Ref.stage(r);
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

  @SafeVarargs
  static Set<String> union(Set<String>... sets) {
    Set<String> out = new LinkedHashSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return out;
  }
}
