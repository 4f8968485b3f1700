package io.frictionflow.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A logistic-regression intent model: features with their transforms, weights, bias and decision
 * threshold. Read from and written to the JSON model file of {@code docs/intent-model.md};
 * validated on load with errors that name the field.
 */
public record IntentModel(
    List<FeatureSpec> features,
    double[] weights,
    double bias,
    double threshold,
    Map<String, String> metadata)
    implements Serializable {

  public static final int SCHEMA_VERSION = 1;

  /** The model bundled in the jar. */
  public static final String BUNDLED = "models/default-intent.json";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The model bundled in the jar. */
  public static IntentModel bundled() {
    try (InputStream in = IntentModel.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no bundled model " + BUNDLED);
      }
      return parse(BUNDLED, JSON.readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled model", e);
    }
  }

  /**
   * Reads a model file.
   *
   * @throws InvalidModelException naming the file, the field and the reason
   */
  public static IntentModel load(Path file) {
    try {
      return parse(file.toString(), JSON.readTree(Files.readString(file)));
    } catch (IOException e) {
      throw new InvalidModelException(file + ": cannot read: " + e.getMessage());
    }
  }

  static IntentModel parse(String name, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new InvalidModelException(name + ": a model file is a JSON object");
    }
    int version = root.path("schema_version").asInt(-1);
    if (version != SCHEMA_VERSION) {
      throw new InvalidModelException(
          name
              + ": schema_version must be "
              + SCHEMA_VERSION
              + ", got "
              + root.get("schema_version"));
    }
    JsonNode fs = root.get("features");
    if (fs == null || !fs.isArray() || fs.isEmpty()) {
      throw new InvalidModelException(name + ": features must be a non-empty list");
    }
    List<FeatureSpec> features = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fs.size(); i++) {
      JsonNode f = fs.get(i);
      String path = name + ": features[" + i + "]";
      String fname = f.path("name").asText("");
      if (fname.isEmpty() || !seen.add(fname)) {
        throw new InvalidModelException(path + ".name: missing or duplicate");
      }
      String kind = f.path("kind").asText("");
      if (kind.equals("numeric")) {
        double std = f.path("std").asDouble(Double.NaN);
        double mean = f.path("mean").asDouble(Double.NaN);
        if (!Double.isFinite(mean) || !Double.isFinite(std) || std <= 0) {
          throw new InvalidModelException(
              path + ": numeric features need a finite mean and a positive std");
        }
        features.add(
            new FeatureSpec(fname, true, f.path("log1p").asBoolean(false), mean, std, List.of()));
      } else if (kind.equals("categorical")) {
        JsonNode cats = f.get("categories");
        if (cats == null || !cats.isArray() || cats.isEmpty()) {
          throw new InvalidModelException(path + ".categories: a non-empty list is required");
        }
        List<String> list = new ArrayList<>();
        cats.forEach(c -> list.add(c.asText()));
        features.add(new FeatureSpec(fname, false, false, 0, 1, List.copyOf(list)));
      } else {
        throw new InvalidModelException(
            path + ".kind: expected numeric or categorical, got '" + kind + "'");
      }
    }
    JsonNode ws = root.get("weights");
    int width = features.stream().mapToInt(FeatureSpec::width).sum();
    if (ws == null || !ws.isArray()) {
      throw new InvalidModelException(name + ": weights must be a list of numbers");
    }
    if (ws.size() != width) {
      throw new InvalidModelException(
          name + ": weights has " + ws.size() + " entries but the features expand to " + width);
    }
    double[] weights = new double[width];
    for (int i = 0; i < width; i++) {
      if (!ws.get(i).isNumber()) {
        throw new InvalidModelException(name + ": weights[" + i + "] is not a number");
      }
      weights[i] = ws.get(i).asDouble();
    }
    if (!root.path("bias").isNumber()) {
      throw new InvalidModelException(name + ": bias must be a number");
    }
    double threshold = root.path("threshold").asDouble(Double.NaN);
    if (!(threshold > 0 && threshold < 1)) {
      throw new InvalidModelException(name + ": threshold must be between 0 and 1");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    root.path("metadata")
        .fields()
        .forEachRemaining(
            e ->
                metadata.put(
                    e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    return new IntentModel(
        List.copyOf(features), weights, root.get("bias").asDouble(), threshold, metadata);
  }

  /** The model as its JSON file. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("schema_version", SCHEMA_VERSION);
    ArrayNode fs = o.putArray("features");
    for (FeatureSpec f : features) {
      ObjectNode n = fs.addObject();
      n.put("name", f.name());
      n.put("kind", f.numeric() ? "numeric" : "categorical");
      if (f.numeric()) {
        n.put("log1p", f.log1p());
        n.put("mean", f.mean());
        n.put("std", f.std());
      } else {
        ArrayNode c = n.putArray("categories");
        f.categories().forEach(c::add);
      }
    }
    ArrayNode w = o.putArray("weights");
    for (double x : weights) {
      w.add(x);
    }
    o.put("bias", bias);
    o.put("threshold", threshold);
    ObjectNode m = o.putObject("metadata");
    metadata.forEach(m::put);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
