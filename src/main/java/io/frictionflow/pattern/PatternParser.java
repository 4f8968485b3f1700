package io.frictionflow.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one pattern file into a {@link PatternDefinition}, reporting every author error it finds
 * with file, line and field path. It also binds the defaults and every profile once, so that an
 * error anywhere in the file is found when the catalog loads, not when a profile is chosen.
 */
public final class PatternParser {
  static final Set<String> TOP_KEYS =
      Set.of(
          "id",
          "version",
          "state_version",
          "description",
          "severity",
          "tags",
          "on",
          "params",
          "profiles",
          "stages",
          "window",
          "skip",
          "fire",
          "cooldown",
          "timeouts",
          "examples",
          "enabled");

  /** Time zero of example events: their {@code t} offsets count from here. */
  public static final Instant EXAMPLE_EPOCH = Instant.parse("2026-01-05T10:00:00Z");

  private static final ObjectMapper YAML = new YAMLMapper(PatternLimits.yamlFactory());

  private PatternParser() {}

  /** Where errors go while a file is read. */
  static final class Ctx {
    final String file;
    final YamlLines lines;
    final List<PatternError> errors;

    Ctx(String file, YamlLines lines, List<PatternError> errors) {
      this.file = file;
      this.lines = lines;
      this.errors = errors;
    }

    void error(String path, String message) {
      PatternError e = new PatternError(file, lines.lineOf(path), path, message);
      if (!errors.contains(e)) {
        errors.add(e);
      }
    }
  }

  /**
   * Parses {@code text}, adding any errors to {@code errors}.
   *
   * @return the definition, or null when the file is too broken to use
   */
  public static PatternDefinition parse(String file, String text, List<PatternError> errors) {
    if (text.length() > PatternLimits.MAX_FILE_BYTES) {
      errors.add(
          new PatternError(
              file,
              0,
              "",
              "the file is "
                  + text.length()
                  + " characters long; a pattern file is at most "
                  + PatternLimits.MAX_FILE_BYTES
                  + " bytes (1 MB)"));
      return null;
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      errors.add(new PatternError(file, line, "", "not valid YAML: " + e.getOriginalMessage()));
      return null;
    } catch (RuntimeException e) {
      // SnakeYAML reports its own limits (code points, nesting) as unchecked exceptions.
      errors.add(new PatternError(file, 0, "", "not a readable pattern file: " + e.getMessage()));
      return null;
    }
    YamlLines lines = YamlLines.index(text);
    Ctx ctx = new Ctx(file, lines, errors);
    if (tree == null || !tree.isObject()) {
      ctx.error("", "a pattern file must be a YAML mapping with id, version, stages, ...");
      return null;
    }
    ObjectNode root = (ObjectNode) tree;
    int before = errors.size();
    checkKeys(root, "", TOP_KEYS, ctx);
    String id = ValueParser.text(root, "id", "", true, ctx);
    if (id != null && !id.matches("[a-z0-9][a-z0-9-]*")) {
      ctx.error("id", "must be lower-case letters, digits and dashes, got '" + id + "'");
    }
    boolean enabled = true;
    JsonNode en = root.get("enabled");
    if (en != null) {
      if (en.isBoolean()) {
        enabled = en.booleanValue();
      } else {
        ctx.error("enabled", "expected true or false");
      }
    }
    Set<String> broken = new java.util.HashSet<>();
    Map<String, ParamDef> params = parseParams(root.get("params"), broken, ctx);
    Map<String, Map<String, JsonNode>> profiles =
        parseProfiles(root.get("profiles"), params, broken, ctx);
    List<Example> examples =
        ExampleReader.read(root.get("examples"), profiles, params, broken, ctx);

    // The rest of the file is read even after an error above, so that one run reports every
    // error of the file; only values taken from a broken parameter are not judged again.
    Map<String, JsonNode> defaults = new LinkedHashMap<>();
    params.forEach((n, d) -> defaults.put(n, d.defaultValue()));
    SpecReader.build(root, defaults, broken, "default", ctx);
    // A profile can break what the defaults did not; report only what is new under it.
    Set<String> reported = new java.util.HashSet<>();
    errors.subList(before, errors.size()).forEach(e -> reported.add(e.path()));
    for (Map.Entry<String, Map<String, JsonNode>> p : profiles.entrySet()) {
      Map<String, JsonNode> values = new LinkedHashMap<>(defaults);
      values.putAll(p.getValue());
      List<PatternError> profileErrors = new ArrayList<>();
      SpecReader.build(root, values, broken, p.getKey(), new Ctx(file, lines, profileErrors));
      for (PatternError e : profileErrors) {
        if (reported.add(e.path())) {
          errors.add(e);
        }
      }
    }
    if (errors.size() > before || id == null) {
      // In the order of the file, so that an author can work down it.
      errors
          .subList(before, errors.size())
          .sort(java.util.Comparator.comparingInt(PatternError::line));
      return null;
    }
    return new PatternDefinition(file, id, enabled, root, lines, params, profiles, examples);
  }

  static void checkKeys(JsonNode obj, String path, Set<String> allowed, Ctx ctx) {
    checkKeys(obj, path, allowed, (k, v) -> null, ctx);
  }

  /**
   * Reports every key of {@code obj} not in {@code allowed}, explained by {@code hint} (key and
   * value to an explanation, or null for the nearest allowed key).
   */
  static void checkKeys(
      JsonNode obj,
      String path,
      Set<String> allowed,
      java.util.function.BiFunction<String, JsonNode, String> hint,
      Ctx ctx) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (!allowed.contains(k)) {
        String h = hint.apply(k, e.getValue());
        ctx.error(
            join(path, k), "unknown key '" + k + "'" + (h != null ? h : suggestion(k, allowed)));
      }
    }
  }

  static String suggestion(String k, Set<String> allowed) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (String a : allowed) {
      int d = editDistance(k, a);
      if (d < bestDist) {
        bestDist = d;
        best = a;
      }
    }
    if (best != null && bestDist <= Math.max(2, k.length() / 3)) {
      return " (did you mean '" + best + "'?)";
    }
    return " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")";
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * The parameters under {@code node}; the names of those that are declared but broken (no default,
   * a bad type or value) go to {@code broken}.
   */
  private static Map<String, ParamDef> parseParams(JsonNode node, Set<String> broken, Ctx ctx) {
    Map<String, ParamDef> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      ctx.error("params", "expected a mapping of parameter name to default or {type, default}");
      broken.add(ParamBinder.ALL);
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String path = "params." + name;
      if (!name.matches("[a-z][a-z0-9_]*")) {
        ctx.error(path, "parameter names are lower_snake_case, got '" + name + "'");
        broken.add(name);
        continue;
      }
      JsonNode v = e.getValue();
      String type;
      JsonNode def;
      String description = null;
      if (v.isObject()) {
        checkKeys(v, path, Set.of("type", "default", "description"), ctx);
        def = v.get("default");
        if (def == null || def.isNull()) {
          ctx.error(path + ".default", "a parameter needs a default");
          broken.add(name);
          continue;
        }
        JsonNode t = v.get("type");
        type = t == null ? ParamValues.inferType(def) : t.asText();
        if (!ParamValues.TYPES.contains(type)) {
          ctx.error(
              path + ".type",
              "unknown type '" + type + "' (types: int, number, duration, string, bool, list)");
          broken.add(name);
          continue;
        }
        JsonNode d = v.get("description");
        description = d == null ? null : d.asText();
      } else if (v.isNull()) {
        ctx.error(path, "a parameter needs a default");
        broken.add(name);
        continue;
      } else {
        def = v;
        type = ParamValues.inferType(def);
      }
      try {
        out.put(name, new ParamDef(name, type, ParamValues.check(type, def), description));
      } catch (IllegalArgumentException ex) {
        ctx.error(v.isObject() ? path + ".default" : path, ex.getMessage());
        broken.add(name);
      }
    }
    return out;
  }

  private static Map<String, Map<String, JsonNode>> parseProfiles(
      JsonNode node, Map<String, ParamDef> params, Set<String> broken, Ctx ctx) {
    Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      ctx.error("profiles", "expected a mapping of profile name to parameter values");
      return out;
    }
    if (node.size() > PatternLimits.MAX_PROFILES) {
      ctx.error(
          "profiles",
          node.size()
              + " profiles; a pattern file has at most "
              + PatternLimits.MAX_PROFILES
              + " (each is bound and compiled when the catalog loads)");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "profiles." + e.getKey();
      if (!e.getValue().isObject()) {
        ctx.error(path, "expected a mapping of parameter name to value");
        continue;
      }
      Map<String, JsonNode> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> pit = e.getValue().fields(); pit.hasNext(); ) {
        Map.Entry<String, JsonNode> pv = pit.next();
        ParamDef def = params.get(pv.getKey());
        if (def == null && (broken.contains(pv.getKey()) || broken.contains(ParamBinder.ALL))) {
          continue; // the parameter's own error is reported
        }
        if (def == null) {
          ctx.error(
              path + "." + pv.getKey(),
              "profile sets '"
                  + pv.getKey()
                  + "', which is not a parameter"
                  + suggestion(pv.getKey(), params.keySet()));
          continue;
        }
        try {
          values.put(pv.getKey(), ParamValues.check(def.type(), pv.getValue()));
        } catch (IllegalArgumentException ex) {
          ctx.error(path + "." + pv.getKey(), ex.getMessage());
        }
      }
      out.put(e.getKey(), values);
    }
    return out;
  }
}
