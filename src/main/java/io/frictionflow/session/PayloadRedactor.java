package io.frictionflow.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.Device;
import io.frictionflow.event.ErrorInfo;
import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.event.FormField;
import io.frictionflow.event.Network;
import io.frictionflow.event.Page;
import io.frictionflow.event.Target;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Redacted copies of late events and rejected records, field by field or through their JSON tree.
 *
 * <p>Known text fields are masked as text, known URL fields as URLs, user ids hashed; a string of
 * unknown meaning (a JSON value, a free property) is masked as a URL when it looks like one, else
 * as text. Free properties survive only when listed in {@code keepProps}; unknown top-level fields
 * of an event are dropped.
 */
final class PayloadRedactor implements Serializable {
  /** The JSON names of user ids in raw payloads; hashed on the failed output. */
  private static final Set<String> ID_KEYS =
      Set.of("user_id", "anonymous_id", "userId", "anonymousId");

  // Numbers of a redacted payload keep their value: 1e400 stays a number, never "Infinity".
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final TextMasker masker;
  private final UrlRedactor urls;
  private final IdHasher ids;
  private final Set<String> keepProps;

  /**
   * @param keepProps names of free properties kept (masked) on the late and failed outputs; the
   *     others are dropped
   */
  PayloadRedactor(TextMasker masker, UrlRedactor urls, IdHasher ids, List<String> keepProps) {
    this.masker = masker;
    this.urls = urls;
    this.ids = ids;
    this.keepProps = Set.copyOf(keepProps);
  }

  /**
   * The redacted copy of an event for the late output: ids and types kept, user ids hashed, text
   * and URLs masked and cut, free properties kept only when listed in {@code keepProps} (masked),
   * unknown top-level fields dropped.
   */
  Event event(Event e, int maxString) {
    Page p = e.page();
    Target t = e.target();
    Device d = e.device();
    FormField f = e.field();
    ErrorInfo r = e.error();
    Network n = e.network();
    return new Event(
        e.eventId(),
        e.sessionId(),
        e.type(),
        e.time(),
        e.ts(),
        e.sentAt(),
        e.receivedAt(),
        ids.id(e.anonymousId()),
        ids.id(e.userId()),
        p == null
            ? null
            : new Page(
                urls.url(p.url(), maxString),
                urls.url(p.path(), maxString),
                urls.url(p.referrer(), maxString),
                masker.text(p.title(), maxString),
                masker.text(p.category(), maxString)),
        t == null
            ? null
            : new Target(
                masker.text(t.selector(), maxString),
                masker.text(t.tag(), maxString),
                masker.text(t.text(), maxString),
                urls.url(t.href(), maxString),
                masker.text(t.role(), maxString),
                t.newTab(),
                t.download()),
        e.x(),
        e.y(),
        e.viewport(),
        d == null
            ? null
            : new Device(masker.text(d.deviceClass(), maxString), masker.text(d.ua(), maxString)),
        e.scroll(),
        f == null
            ? null
            : new FormField(masker.text(f.id(), maxString), masker.text(f.form(), maxString)),
        r == null
            ? null
            : new ErrorInfo(masker.text(r.message(), maxString), masker.text(r.kind(), maxString)),
        e.pointer(),
        n == null
            ? null
            : new Network(
                n.status(),
                masker.text(n.method(), maxString),
                urls.url(n.url(), maxString),
                n.durationMs()),
        masker.text(e.how(), maxString),
        masker.text(e.state(), maxString),
        masker.text(e.modifiers(), maxString),
        props(e.props(), maxString),
        null,
        e.ingestedAtMicros());
  }

  /**
   * The redacted copy of a rejected record, for the failed output when raw payloads are not kept: a
   * JSON payload keeps its shape with every string masked and cut (user ids hashed, free properties
   * as for {@link #event}); any other payload is masked and cut as text. Reason and time stay;
   * field and detail are masked.
   */
  FailedEvent failed(FailedEvent f, int maxString) {
    String raw = f.raw();
    String redacted;
    JsonNode tree = null;
    if (raw != null) {
      try {
        tree = JSON.readTree(raw);
      } catch (Exception notJson) {
        // Not JSON (or cut short when oversized): masked as text below.
      }
    }
    if (tree != null && tree.isContainerNode()) {
      redacted = tree(tree, maxString, 0).toString();
    } else {
      redacted = masker.text(raw, maxString);
    }
    return new FailedEvent(
        redacted,
        f.reason(),
        masker.text(f.field(), maxString),
        masker.text(f.detail(), 4 * maxString),
        f.failedAt());
  }

  /** A string of unknown meaning: as a URL when it looks like one, else as text. */
  private String value(String s, int maxString) {
    return urls.looksLikeUrl(s) ? urls.url(s, maxString) : masker.text(s, maxString);
  }

  private Map<String, String> props(Map<String, String> props, int maxString) {
    if (props == null || keepProps.isEmpty()) {
      return null;
    }
    Map<String, String> kept = new TreeMap<>();
    for (Map.Entry<String, String> e : props.entrySet()) {
      if (!keepProps.contains(e.getKey()) || e.getValue() == null) {
        continue;
      }
      String v = e.getValue();
      JsonNode tree = null;
      if (v.startsWith("{") || v.startsWith("[")) {
        try {
          tree = JSON.readTree(v);
        } catch (Exception notJson) {
          // Text that starts like JSON: masked as text.
        }
      }
      kept.put(
          e.getKey(), tree != null ? tree(tree, maxString, 0).toString() : value(v, maxString));
    }
    return kept.isEmpty() ? null : kept;
  }

  /** A JSON tree with every string masked and cut, user ids hashed, free properties filtered. */
  private JsonNode tree(JsonNode node, int maxString, int depth) {
    if (node.isTextual()) {
      return JSON.getNodeFactory().textNode(value(node.textValue(), maxString));
    }
    if (node.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      node.forEach(x -> a.add(tree(x, maxString, depth + 1)));
      return a;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode o = JSON.createObjectNode();
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
    for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (depth == 0 && key.equals("props")) {
        if (v.isObject()) {
          ObjectNode kept = JSON.createObjectNode();
          v.fields()
              .forEachRemaining(
                  p -> {
                    if (keepProps.contains(p.getKey())) {
                      kept.set(p.getKey(), tree(p.getValue(), maxString, depth + 2));
                    }
                  });
          o.set(key, kept);
        }
        continue;
      }
      if (ID_KEYS.contains(key) && v.isTextual()) {
        o.put(key, ids.id(v.textValue()));
        continue;
      }
      o.set(masker.text(key, maxString), tree(v, maxString, depth + 1));
    }
    return o;
  }
}
