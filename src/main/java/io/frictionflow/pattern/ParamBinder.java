package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Binds parameter values into a pattern file's tree: every {@code $name} text value becomes the
 * parameter's value, and {@code $$} escapes a literal dollar. It remembers which parameter supplied
 * each value, so that later errors can say " (from $clicks)".
 */
final class ParamBinder {
  /** In the broken set: the file's {@code params:} as a whole could not be read. */
  static final String ALL = "*";

  private final Map<String, JsonNode> values;
  private final Set<String> broken;
  private final BiConsumer<String, String> error;

  /**
   * Field paths whose value is an undefined or broken parameter's: the error reported for that
   * parameter says what is wrong, so the value is not judged again.
   */
  private final Set<String> fromBroken = new LinkedHashSet<>();

  /** The parameter each substituted value came from, by field path. */
  private final Map<String, String> fromParam = new LinkedHashMap<>();

  /**
   * @param values the parameter values by name
   * @param error takes a field path and a message
   */
  ParamBinder(Map<String, JsonNode> values, BiConsumer<String, String> error) {
    this(values, Set.of(), error);
  }

  /**
   * @param values the parameter values by name
   * @param broken parameters declared in the file but not readable (their errors are reported
   *     already), or {@link #ALL}; a reference to one is left as it is, without a second error
   * @param error takes a field path and a message
   */
  ParamBinder(Map<String, JsonNode> values, Set<String> broken, BiConsumer<String, String> error) {
    this.values = values;
    this.broken = broken;
    this.error = error;
  }

  /**
   * Whether the value at {@code path}, or one around it, came from a broken parameter, so that an
   * error there follows from that parameter's own.
   */
  boolean fromBroken(String path) {
    for (String p : fromBroken) {
      if (path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "[")) {
        return true;
      }
    }
    return false;
  }

  /** Replaces the parameters in {@code node} (in place where it can) and returns the result. */
  JsonNode bind(JsonNode node) {
    return substitute(node, "");
  }

  /** Where a value came from when a parameter supplied it, e.g. " (from $clicks)", else "". */
  String from(String path) {
    String name = fromParam.get(path);
    return name == null ? "" : " (from $" + name + ")";
  }

  /** The parameters the file declares, readable or not. */
  private Set<String> declared() {
    Set<String> names = new LinkedHashSet<>(values.keySet());
    names.addAll(broken);
    names.remove(ALL);
    return names;
  }

  private JsonNode substitute(JsonNode node, String path) {
    if (node.isTextual()) {
      String t = node.textValue();
      if (t.startsWith("$$")) {
        return JsonNodeFactory.instance.textNode(t.substring(1));
      }
      if (t.startsWith("$")) {
        String name = t.substring(1);
        JsonNode v = values.get(name);
        if (v == null && (broken.contains(name) || broken.contains(ALL))) {
          fromBroken.add(path);
          return node;
        }
        if (v == null) {
          error.accept(
              path,
              "undefined parameter $"
                  + name
                  + (declared().isEmpty()
                      ? " (this file defines no params)"
                      : PatternParser.suggestion(name, declared())));
          fromBroken.add(path);
          return node;
        }
        fromParam.put(path, name);
        return v;
      }
      return node;
    }
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        e.setValue(substitute(e.getValue(), PatternParser.join(path, e.getKey())));
      }
      return o;
    }
    if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, substitute(a.get(i), path + "[" + i + "]"));
      }
    }
    return node;
  }
}
