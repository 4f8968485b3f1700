package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.EventDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a pattern file's {@code examples:}: the short event form expanded to canonical JSON and
 * decoded by the job's own decoder, parameter overrides checked against the file's parameters, and
 * the expected matches. Errors go to the parser's {@link PatternParser.Ctx}.
 */
final class ExampleReader {
  private static final Set<String> EXAMPLE_KEYS =
      Set.of("name", "profile", "params", "events", "expect");

  private ExampleReader() {}

  /**
   * The examples under {@code node} (null when the file has none); a setting of a parameter in
   * {@code broken} (declared, but with its own error) is left out without a second error.
   */
  static List<Example> read(
      JsonNode node,
      Map<String, Map<String, JsonNode>> profiles,
      Map<String, ParamDef> params,
      Set<String> broken,
      PatternParser.Ctx ctx) {
    List<Example> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!node.isArray()) {
      ctx.error("examples", "expected a list of examples");
      return out;
    }
    EventDecoder decoder = new EventDecoder(1 << 16);
    for (int i = 0; i < node.size(); i++) {
      String path = "examples[" + i + "]";
      JsonNode ex = node.get(i);
      if (!ex.isObject()) {
        ctx.error(path, "expected a mapping with name, events and expect");
        continue;
      }
      PatternParser.checkKeys(ex, path, EXAMPLE_KEYS, ctx);
      String name = ValueParser.text(ex, "name", path, true, ctx);
      String profile = ValueParser.text(ex, "profile", path, false, ctx);
      if (profile != null && !profile.equals("default") && !profiles.containsKey(profile)) {
        ctx.error(path + ".profile", "no profile '" + profile + "' in this file");
      }
      Map<String, String> overrides = new LinkedHashMap<>();
      JsonNode ps = ex.get("params");
      if (ps != null) {
        if (!ps.isObject()) {
          ctx.error(path + ".params", "expected a mapping of parameter name to value");
        } else {
          ps.fields()
              .forEachRemaining(
                  p -> {
                    ParamDef def = params.get(p.getKey());
                    if (def == null
                        && (broken.contains(p.getKey()) || broken.contains(ParamBinder.ALL))) {
                      return; // the parameter's own error is reported
                    }
                    if (def == null) {
                      ctx.error(path + ".params." + p.getKey(), "not a parameter of this pattern");
                      return;
                    }
                    try {
                      JsonNode checked = ParamValues.check(def.type(), p.getValue());
                      overrides.put(
                          p.getKey(),
                          checked.isArray()
                              ? String.join(
                                  ",",
                                  () ->
                                      java.util.stream.StreamSupport.stream(
                                              checked.spliterator(), false)
                                          .map(JsonNode::asText)
                                          .map(CharSequence.class::cast)
                                          .iterator())
                              : checked.asText());
                    } catch (IllegalArgumentException e) {
                      ctx.error(path + ".params." + p.getKey(), e.getMessage());
                    }
                  });
        }
      }
      List<String> events = new ArrayList<>();
      JsonNode evs = ex.get("events");
      if (evs == null || !evs.isArray() || evs.isEmpty()) {
        ctx.error(path + ".events", "expected a non-empty list of events");
      } else {
        for (int j = 0; j < evs.size(); j++) {
          String epath = path + ".events[" + j + "]";
          String json = exampleEvent(evs.get(j), epath, ctx);
          if (json == null) {
            continue;
          }
          try {
            decoder.decode(json, 0L);
            events.add(json);
          } catch (DecodeException e) {
            ctx.error(epath + (e.field().isEmpty() ? "" : "." + e.field()), e.getMessage());
          }
        }
      }
      List<List<String>> expect = parseExpect(ex.get("expect"), path + ".expect", ctx);
      out.add(new Example(i, name, profile, overrides, events, expect));
    }
    return out;
  }

  /** Expands the short example form ({@code id}, {@code t}, default session) to canonical JSON. */
  private static String exampleEvent(JsonNode ev, String path, PatternParser.Ctx ctx) {
    if (!ev.isObject()) {
      ctx.error(path, "expected an event mapping such as {id: c1, type: click, t: 0ms}");
      return null;
    }
    ObjectNode o = ((ObjectNode) ev).deepCopy();
    JsonNode id = o.remove("id");
    if (id != null) {
      o.set("event_id", id.isTextual() ? id : o.textNode(id.asText()));
    }
    JsonNode t = o.remove("t");
    if (t != null) {
      try {
        o.put("ts", PatternParser.EXAMPLE_EPOCH.plus(Durations.of(t)).toEpochMilli());
      } catch (IllegalArgumentException e) {
        ctx.error(path + ".t", "t is an offset such as 250ms or 2s: " + e.getMessage());
        return null;
      }
    }
    if (!o.has("session_id")) {
      o.put("session_id", "example");
    }
    return o.toString();
  }

  private static List<List<String>> parseExpect(JsonNode node, String path, PatternParser.Ctx ctx) {
    List<List<String>> out = new ArrayList<>();
    if (node == null) {
      ctx.error(path, "say what the example must produce: 'none' or a list of matches");
      return out;
    }
    if (node.isTextual() && node.textValue().equals("none")) {
      return out;
    }
    if (!node.isArray()) {
      ctx.error(path, "expected 'none' or a list of matches, each a list of event ids");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      if (!m.isArray() || m.isEmpty()) {
        ctx.error(path + "[" + i + "]", "a match is a non-empty list of event ids, e.g. [c1, c2]");
        continue;
      }
      List<String> ids = new ArrayList<>();
      m.forEach(x -> ids.add(x.asText()));
      out.add(ids);
    }
    return out;
  }
}
