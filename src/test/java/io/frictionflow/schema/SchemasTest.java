package io.frictionflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped JSON Schemas accept what the job accepts, and reject what it rejects. */
class SchemasTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static JsonSchema schema(String file) throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("schemas", file))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  private static List<Path> yamlFiles(String dir) throws Exception {
    try (Stream<Path> s = Files.list(Path.of(dir))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyShippedAndConstructPatternFileMatchesThePatternSchema() throws Exception {
    JsonSchema schema = schema("pattern.schema.json");
    List<Path> files = new java.util.ArrayList<>(yamlFiles("patterns"));
    files.addAll(yamlFiles("src/test/resources/constructs"));
    assertThat(files).hasSizeGreaterThan(15);
    for (Path f : files) {
      JsonNode tree = new YAMLMapper().readTree(f.toFile());
      assertThat(schema.validate(tree)).as(f.toString()).isEmpty();
    }
  }

  @Test
  void thePatternSchemaRejectsUnknownKeysAndBadEnums() throws Exception {
    JsonSchema schema = schema("pattern.schema.json");
    JsonNode good = new YAMLMapper().readTree(Path.of("patterns/rage-click.yaml").toFile());
    JsonNode typo = good.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) typo).put("fyre", "every_match");
    assertThat(schema.validate(typo)).isNotEmpty();
    JsonNode severity = good.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) severity).put("severity", "dire");
    assertThat(schema.validate(severity)).isNotEmpty();
  }

  @Test
  void theSampleEventsMatchTheEventSchemaAndMalformedOnesDoNot() throws Exception {
    JsonSchema schema = schema("event.schema.json");
    int checked = 0;
    for (String line : Files.readAllLines(Path.of("src/main/resources/samples/sessions.jsonl"))) {
      if (line.contains("\"bad-") || !line.startsWith("{")) {
        continue;
      }
      assertThat(schema.validate(JSON.readTree(line))).as(line).isEmpty();
      checked++;
    }
    assertThat(checked).isGreaterThan(10_000);
    assertThat(schema.validate(JSON.readTree("{\"event_id\":\"e\",\"type\":\"click\",\"ts\":1}")))
        .isNotEmpty();
    assertThat(
            schema.validate(
                JSON.readTree(
                    "{\"event_id\":\"e\",\"session_id\":\"s\",\"type\":\"click\",\"ts\":1,\"x\":\"left\"}")))
        .isNotEmpty();
  }
}
