package io.frictionflow.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Explanations as JSON for tools: {@code {"explain_version": 1, "patterns": [...]}}, each pattern
 * the {@link Explanation} tree with snake_case names (documented in docs/patterns.md, "Explain a
 * pattern"). A field is added, never renamed or removed, without a new {@code explain_version}.
 */
public final class ExplainJson {
  /** The version of the shape. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .serializationInclusion(JsonInclude.Include.ALWAYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private ExplainJson() {}

  /** The document for {@code explanations}, indented. */
  public static String render(List<Explanation> explanations) {
    ObjectNode root = JSON.createObjectNode();
    root.put("explain_version", VERSION);
    root.set("patterns", JSON.valueToTree(explanations));
    try {
      return JSON.writeValueAsString(root) + System.lineSeparator();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the explanation as JSON", e);
    }
  }
}
