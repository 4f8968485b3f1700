package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** YAML trees and one error list for the unit tests of the pattern readers. */
final class Trees {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final List<PatternError> raw = new ArrayList<>();

  /** The reader context; its errors are {@link #errors()}. */
  final PatternParser.Ctx ctx = new PatternParser.Ctx("f.yaml", YamlLines.index(""), raw);

  /** An error sink that reports to {@link #ctx}. */
  final BiConsumer<String, String> sink = ctx::error;

  /** The errors reported so far, each as "path: message". */
  List<String> errors() {
    return raw.stream().map(e -> e.path() + ": " + e.message()).toList();
  }

  /** A value parser that reports to {@link #ctx} and knows no parameters. */
  ValueParser values() {
    return new ValueParser(sink, path -> "");
  }

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
