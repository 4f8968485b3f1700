package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed pattern file before its parameters are bound. {@link #resolve} binds a profile and
 * overrides and yields the {@link PatternSpec} the job runs.
 */
public final class PatternDefinition {
  private final String file;
  private final String id;
  private final boolean enabled;
  private final ObjectNode root;
  private final YamlLines lines;
  private final Map<String, ParamDef> params;
  private final Map<String, Map<String, JsonNode>> profiles;
  private final List<Example> examples;

  PatternDefinition(
      String file,
      String id,
      boolean enabled,
      ObjectNode root,
      YamlLines lines,
      Map<String, ParamDef> params,
      Map<String, Map<String, JsonNode>> profiles,
      List<Example> examples) {
    this.file = file;
    this.id = id;
    this.enabled = enabled;
    this.root = root;
    this.lines = lines;
    this.params = params;
    this.profiles = profiles;
    this.examples = examples;
  }

  public String file() {
    return file;
  }

  public String id() {
    return id;
  }

  /** Whether the file enables the pattern ({@code enabled:}, default true). */
  public boolean enabled() {
    return enabled;
  }

  public Map<String, ParamDef> params() {
    return params;
  }

  public Map<String, Map<String, JsonNode>> profiles() {
    return profiles;
  }

  public List<Example> examples() {
    return examples;
  }

  /** The file's tree, for tools that compare catalogs. */
  public ObjectNode tree() {
    return root;
  }

  /**
   * Binds parameters: defaults, then the named profile (null or {@code default} for none), then
   * each override given as text.
   *
   * @throws MalformedPatternException naming the profile or parameter that is wrong
   */
  public PatternSpec resolve(String profile, Map<String, String> overrides) {
    List<PatternError> errors = new ArrayList<>();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    params.forEach((name, def) -> values.put(name, def.defaultValue()));
    String profileName = profile == null ? "default" : profile;
    if (profile != null && !profile.equals("default")) {
      Map<String, JsonNode> chosen = profiles.get(profile);
      if (chosen == null) {
        errors.add(
            new PatternError(
                file,
                0,
                "profiles",
                "no profile '"
                    + profile
                    + "' in pattern "
                    + id
                    + " (profiles: default"
                    + (profiles.isEmpty() ? "" : ", " + String.join(", ", profiles.keySet()))
                    + ")"));
      } else {
        values.putAll(chosen);
      }
    }
    overrides.forEach(
        (name, text) -> {
          ParamDef def = params.get(name);
          if (def == null) {
            errors.add(
                new PatternError(
                    file,
                    0,
                    "params",
                    "--param "
                        + id
                        + "."
                        + name
                        + ": pattern "
                        + id
                        + " has no parameter '"
                        + name
                        + "' (parameters: "
                        + String.join(", ", params.keySet())
                        + ")"));
            return;
          }
          try {
            values.put(name, ParamValues.fromText(def, text));
          } catch (IllegalArgumentException e) {
            errors.add(
                new PatternError(
                    file,
                    0,
                    "params",
                    "--param " + id + "." + name + "=" + text + ": " + e.getMessage()));
          }
        });
    if (!errors.isEmpty()) {
      throw new MalformedPatternException(errors);
    }
    PatternParser.Ctx ctx = new PatternParser.Ctx(file, lines, errors);
    PatternSpec spec = SpecReader.build(root, values, profileName, ctx);
    if (!errors.isEmpty()) {
      throw new MalformedPatternException(errors);
    }
    return spec;
  }
}
