package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.pattern.StageSpec.Follows;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link PatternSpec} of a pattern file under one set of parameter values: binds the
 * parameters ({@link ParamBinder}), then reads the top-level keys here, the stages with {@link
 * StageReader} and their conditions with {@link ConditionParser}.
 */
final class SpecReader {
  static final Set<String> SEVERITIES = Set.of("info", "low", "medium", "high", "critical");

  private final PatternParser.Ctx ctx;
  private final Map<String, JsonNode> values;
  private final String profile;
  private final ParamBinder binder;
  private final ValueParser read;

  private SpecReader(
      PatternParser.Ctx ctx, Map<String, JsonNode> values, Set<String> broken, String profile) {
    this.ctx = ctx;
    this.values = values;
    this.profile = profile;
    this.binder = new ParamBinder(values, broken, this::error);
    this.read = new ValueParser(this::error, binder::from);
  }

  /** Builds the spec under {@code values}; errors go to {@code ctx} and the result is then null. */
  static PatternSpec build(
      ObjectNode root, Map<String, JsonNode> values, String profile, PatternParser.Ctx ctx) {
    return build(root, values, Set.of(), profile, ctx);
  }

  /**
   * Builds the spec under {@code values}, where the parameters in {@code broken} are declared but
   * could not be read: values taken from them are not judged (their own errors are reported).
   */
  static PatternSpec build(
      ObjectNode root,
      Map<String, JsonNode> values,
      Set<String> broken,
      String profile,
      PatternParser.Ctx ctx) {
    int before = ctx.errors.size();
    SpecReader r = new SpecReader(ctx, values, broken, profile);
    ObjectNode bound = root.deepCopy();
    bound.remove("params");
    bound.remove("profiles");
    bound.remove("examples");
    JsonNode substituted = r.binder.bind(bound);
    PatternSpec spec = r.spec((ObjectNode) substituted);
    return ctx.errors.size() > before ? null : spec;
  }

  /** Reports under the profile's name unless it is the default one. */
  private void error(String path, String message) {
    if (binder.fromBroken(path)) {
      return;
    }
    ctx.error(path, profile.equals("default") ? message : message + " [profile " + profile + "]");
  }

  private PatternSpec spec(ObjectNode root) {
    String id = ValueParser.text(root, "id", "", true, ctx);
    int version = read.positiveInt(root, "version", true, 1);
    int stateVersion = read.positiveInt(root, "state_version", false, 1);
    String description = ValueParser.text(root, "description", "", true, ctx);
    String severity = ValueParser.text(root, "severity", "", true, ctx);
    if (severity != null && !SEVERITIES.contains(severity)) {
      error(
          "severity", "expected one of info, low, medium, high, critical; got '" + severity + "'");
    }
    List<String> tags = read.stringList(root.get("tags"), "tags", false);
    List<String> on = read.stringList(root.get("on"), "on", true);
    if (on != null && on.isEmpty()) {
      error("on", "list at least one event type the pattern listens to");
    }
    Duration window = read.duration(root.get("window"), "window", false);
    Repetitions repetitions = new Repetitions(this::error, binder::from);
    List<StageSpec> stages =
        new StageReader(ctx, this::error, read, repetitions).stages(root.get("stages"), window);
    SkipSpec skip = skip(root.get("skip"), stages);
    FireSpec.Mode mode = fire(root.get("fire"));
    Duration cooldown = read.duration(root.get("cooldown"), "cooldown", false);
    boolean timeouts = timeouts(root.get("timeouts"), window);
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

  private FireSpec.Mode fire(JsonNode fire) {
    if (fire == null) {
      return FireSpec.Mode.EVERY_MATCH;
    }
    return switch (fire.asText()) {
      case "every_match" -> FireSpec.Mode.EVERY_MATCH;
      case "once_per_incident" -> FireSpec.Mode.ONCE_PER_INCIDENT;
      case "once_per_session" -> FireSpec.Mode.ONCE_PER_SESSION;
      default -> {
        error(
            "fire",
            "expected every_match, once_per_incident or once_per_session; got "
                + ParamValues.show(fire));
        yield FireSpec.Mode.EVERY_MATCH;
      }
    };
  }

  private boolean timeouts(JsonNode to, Duration window) {
    if (to == null) {
      return false;
    }
    boolean timeouts = false;
    if (to.asText().equals("signal")) {
      timeouts = true;
    } else if (!to.asText().equals("ignore")) {
      error("timeouts", "expected signal or ignore; got " + ParamValues.show(to));
    }
    if (timeouts && window == null) {
      error("timeouts", "timed-out matches need a window: add window: to the pattern");
    }
    return timeouts;
  }

  private SkipSpec skip(JsonNode node, List<StageSpec> stages) {
    if (node == null) {
      return SkipSpec.NO_SKIP;
    }
    if (node.isTextual()) {
      return switch (node.textValue()) {
        case "no_skip" -> SkipSpec.NO_SKIP;
        case "to_next" -> new SkipSpec(SkipSpec.Kind.TO_NEXT, null);
        case "past_last_event" -> new SkipSpec(SkipSpec.Kind.PAST_LAST_EVENT, null);
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
      SkipSpec.Kind kind = node.has("to_first") ? SkipSpec.Kind.TO_FIRST : SkipSpec.Kind.TO_LAST;
      String stage = node.get(kind.toString()).asText();
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
}
