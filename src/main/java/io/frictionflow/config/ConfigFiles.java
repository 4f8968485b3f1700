package io.frictionflow.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a YAML config file into flat {@code a.b.c -> value} pairs (nested or flat keys). */
public final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * Reads {@code file}.
   *
   * @throws InvalidConfigException when the file cannot be read or is not a YAML mapping
   */
  public static Map<String, String> read(Path file) {
    JsonNode root = readTree(file, "config file");
    Map<String, String> out = new LinkedHashMap<>();
    if (root == null || root.isNull()) {
      return out;
    }
    if (!root.isObject()) {
      throw new InvalidConfigException(file.toString(), "a config file is a YAML mapping");
    }
    flatten("", root, out);
    return out;
  }

  /**
   * The YAML tree of {@code file} (null for an empty file).
   *
   * @param what what the file is, for the error ("config file", "gateway config")
   * @throws InvalidConfigException when the file cannot be read or parsed
   */
  public static JsonNode readTree(Path file, String what) {
    try {
      return new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidConfigException(
          file.toString(), "cannot read " + what + ": " + e.getMessage());
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e ->
                  flatten(
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      e.getValue(),
                      out));
    } else if (node.isArray()) {
      StringBuilder b = new StringBuilder();
      node.forEach(x -> b.append(b.length() == 0 ? "" : ";").append(x.asText()));
      out.put(prefix, b.toString());
    } else {
      out.put(prefix, node.asText());
    }
  }
}
