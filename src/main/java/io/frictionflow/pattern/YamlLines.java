package io.frictionflow.pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps each field path of a YAML document to the line it starts on, so that errors found on the
 * parsed tree can name a line. Paths look like {@code stages[1].where.field}.
 */
final class YamlLines {
  private static final Object OBJECT = new Object();
  private static final YAMLFactory FACTORY = PatternLimits.yamlFactory();

  private final Map<String, Integer> lines;

  private YamlLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** Indexes {@code yaml}; a document that does not parse yields an empty index. */
  static YamlLines index(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(yaml)) {
      Deque<Object> stack = new ArrayDeque<>(); // field name, array index or OBJECT
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
          case FIELD_NAME -> {
            if (!stack.isEmpty() && stack.peek() instanceof String) {
              stack.pop();
            }
            stack.push(p.currentName());
            lines.putIfAbsent(path(stack), line);
          }
          case START_OBJECT, START_ARRAY -> {
            markArrayElement(stack, lines, line);
            stack.push(t == JsonToken.START_ARRAY ? new int[] {-1} : OBJECT);
          }
          case END_OBJECT, END_ARRAY -> {
            if (!stack.isEmpty() && stack.peek() instanceof String) {
              stack.pop();
            }
            if (!stack.isEmpty()) {
              stack.pop();
            }
          }
          default -> markArrayElement(stack, lines, line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The parser proper reports the syntax error; lines are best effort.
    }
    return new YamlLines(lines);
  }

  private static void markArrayElement(Deque<Object> stack, Map<String, Integer> lines, int line) {
    if (!stack.isEmpty() && stack.peek() instanceof int[] idx) {
      idx[0]++;
      lines.putIfAbsent(path(stack), line);
    }
  }

  private static String path(Deque<Object> stack) {
    StringBuilder b = new StringBuilder();
    var it = stack.descendingIterator();
    while (it.hasNext()) {
      Object o = it.next();
      if (o instanceof int[] idx) {
        b.append('[').append(idx[0]).append(']');
      } else if (o instanceof String) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(o);
      }
    }
    return b.toString();
  }

  /** The line of {@code path}, or of its nearest indexed ancestor, or 0. */
  int lineOf(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Integer l = lines.get(p);
      if (l != null) {
        return l;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut <= 0 ? "" : p.substring(0, cut);
    }
    return 0;
  }
}
