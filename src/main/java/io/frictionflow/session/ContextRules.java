package io.frictionflow.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Drop, hash and allow-list rules over the paths of a context object.
 *
 * <p>Paths are dotted into the context object, through lists: {@code last_events.text}, {@code
 * pages.path}, {@code entry_page}. The allow-list goes first (only listed paths and their parents
 * survive), then drops, then hashes.
 */
final class ContextRules implements Serializable {
  private final List<String> drop;
  private final List<String> hash;
  private final List<String> allow;
  private final IdHasher ids;

  /**
   * @param drop context paths removed before output
   * @param hash context paths replaced by a salted hash
   * @param allow when not empty, allow-list mode: only these context paths are kept
   */
  ContextRules(List<String> drop, List<String> hash, List<String> allow, IdHasher ids) {
    this.drop = List.copyOf(drop);
    this.hash = List.copyOf(hash);
    this.allow = List.copyOf(allow);
    this.ids = ids;
  }

  /** Applies drop, hash and allow-list rules to a context object, in place. */
  ObjectNode apply(ObjectNode context) {
    if (!allow.isEmpty()) {
      keepOnly(context, "");
    }
    for (String p : drop) {
      walk(context, p.split("\\."), 0, true);
    }
    for (String p : hash) {
      walk(context, p.split("\\."), 0, false);
    }
    return context;
  }

  private void keepOnly(JsonNode node, String prefix) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        boolean allowed = allow.contains(path);
        boolean parentOfAllowed = allow.stream().anyMatch(a -> a.startsWith(path + "."));
        if (allowed) {
          continue;
        }
        if (parentOfAllowed) {
          keepOnly(e.getValue(), path);
        } else {
          it.remove();
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(x -> keepOnly(x, prefix));
    }
  }

  private void walk(JsonNode node, String[] parts, int i, boolean remove) {
    if (node instanceof ArrayNode a) {
      a.forEach(x -> walk(x, parts, i, remove));
      return;
    }
    if (!(node instanceof ObjectNode o) || !o.has(parts[i])) {
      return;
    }
    if (i < parts.length - 1) {
      walk(o.get(parts[i]), parts, i + 1, remove);
    } else if (remove) {
      o.remove(parts[i]);
    } else if (!o.get(parts[i]).isNull()) {
      o.put(parts[i], ids.digest(o.get(parts[i]).asText()));
    }
  }
}
