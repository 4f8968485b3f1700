package io.frictionflow.event.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recorded DOM of one rrweb recording, as far as targets need it: per node id its tag, id and
 * classes, its parent, its children and its text. Built from a FullSnapshot (which replaces it) and
 * kept up to date by Mutation adds and removes.
 *
 * <p>Bounded: at most {@link #MAX_NODES} nodes are kept; nodes beyond the cap are not recorded, and
 * an interaction on one of them has no tag, path or text (only its coordinates). A recording keeps
 * one tree, dropped with the recording; the stateless Kafka decoder keeps none.
 */
final class NodeTree {
  /** Most nodes kept per recording. */
  static final int MAX_NODES = 20_000;

  /** Longest text taken from a node and its descendants. */
  static final int MAX_TEXT = 100;

  private static final int PATH_DEPTH = 4;

  /** Most nodes visited to find one target's text. */
  private static final int MAX_VISITS = 500;

  private record Node(
      String tag, String selector, String text, int parent, List<Integer> children) {}

  private final Map<Integer, Node> nodes = new HashMap<>();

  /** Replaces the tree with a FullSnapshot's {@code node}. */
  void snapshot(JsonNode root) {
    nodes.clear();
    add(root, -1);
  }

  /** Applies a Mutation's {@code adds} and {@code removes}. */
  void mutate(JsonNode data) {
    for (JsonNode r : iterable(data.get("removes"))) {
      remove(r.path("id").asInt(Integer.MIN_VALUE));
    }
    for (JsonNode a : iterable(data.get("adds"))) {
      add(a.get("node"), a.path("parentId").asInt(-1));
    }
  }

  /** Labels written as {@code tag#id.class 'text'} per node id (PostHog's recording exports). */
  void labels(JsonNode labels) {
    labels
        .fields()
        .forEachRemaining(
            e -> {
              if (nodes.size() >= MAX_NODES) {
                return;
              }
              String label = e.getValue().asText();
              int space = label.indexOf(' ');
              String selector = space < 0 ? label : label.substring(0, space);
              int q1 = label.indexOf('\'');
              int q2 = label.lastIndexOf('\'');
              String text = q1 >= 0 && q2 > q1 ? label.substring(q1 + 1, q2) : null;
              String tag = selector.replaceAll("^([A-Za-z0-9-]*).*", "$1").toLowerCase(Locale.ROOT);
              try {
                nodes.put(
                    Integer.parseInt(e.getKey()),
                    new Node(tag, selector, text, -1, new ArrayList<>()));
              } catch (NumberFormatException ignored) {
                // a label for no node id
              }
            });
  }

  /** How many nodes are kept. */
  int size() {
    return nodes.size();
  }

  /** The node's tag, or null when unknown. */
  String tag(int id) {
    Node n = nodes.get(id);
    return n == null || n.tag == null || n.tag.isEmpty() ? null : n.tag;
  }

  /** {@code div.buttons > button#buy}: the node and up to three ancestors; null when unknown. */
  String path(int id) {
    Node n = nodes.get(id);
    if (n == null || n.selector == null) {
      return null;
    }
    StringBuilder path = new StringBuilder(n.selector);
    Node p = nodes.get(n.parent);
    for (int depth = 1; p != null && depth < PATH_DEPTH; depth++, p = nodes.get(p.parent)) {
      if (p.selector != null && !p.tag.equals("html") && !p.tag.equals("body")) {
        path.insert(0, p.selector + " > ");
      }
    }
    return path.toString();
  }

  /** The text of the node and its descendants, white space collapsed, at most MAX_TEXT chars. */
  String text(int id) {
    Node n = nodes.get(id);
    if (n == null) {
      return null;
    }
    if (n.tag == null && n.text != null) {
      return null; // a text node is no target
    }
    if (n.text != null && n.parent == -1 && n.children.isEmpty()) {
      return n.text; // a label
    }
    StringBuilder sb = new StringBuilder();
    collect(n, sb, 0, new int[] {MAX_VISITS});
    String t = sb.toString().replaceAll("\\s+", " ").trim();
    if (t.length() > MAX_TEXT) {
      t = t.substring(0, MAX_TEXT);
    }
    return t.isEmpty() ? null : t;
  }

  /** Walks at most MAX_VISITS nodes, so that no tree (not even one with cycles) makes it slow. */
  private void collect(Node n, StringBuilder sb, int depth, int[] budget) {
    if (sb.length() > MAX_TEXT || depth > 8 || budget[0]-- <= 0) {
      return;
    }
    if (n.tag == null && n.text != null) {
      sb.append(n.text).append(' ');
    }
    for (int c : n.children) {
      Node child = nodes.get(c);
      if (child != null && !"script".equals(child.tag) && !"style".equals(child.tag)) {
        collect(child, sb, depth + 1, budget);
      }
    }
  }

  private void add(JsonNode node, int parent) {
    if (node == null || !node.isObject() || nodes.size() >= MAX_NODES) {
      return;
    }
    int id = node.path("id").asInt(Integer.MIN_VALUE);
    if (id == Integer.MIN_VALUE) {
      return;
    }
    int type = node.path("type").asInt(-1);
    String tag = null;
    String selector = null;
    String text = null;
    if (type == 2) {
      tag = node.path("tagName").asText("").toLowerCase(Locale.ROOT);
      JsonNode attrs = node.path("attributes");
      selector = selector(tag, attrs.path("id").asText(""), attrs.path("class").asText(""));
    } else if (type == 3) {
      text = node.path("textContent").asText("");
    }
    nodes.put(id, new Node(tag, selector, text, parent, new ArrayList<>()));
    Node p = nodes.get(parent);
    if (p != null) {
      p.children.add(id);
    }
    for (JsonNode c : iterable(node.get("childNodes"))) {
      add(c, id);
    }
  }

  private void remove(int id) {
    Node n = nodes.remove(id);
    if (n == null) {
      return;
    }
    Node p = nodes.get(n.parent);
    if (p != null) {
      p.children.remove((Integer) id);
    }
    for (int c : List.copyOf(n.children)) {
      remove(c);
    }
  }

  private static String selector(String tag, String id, String classes) {
    if (!id.isBlank()) {
      return tag + "#" + id.trim();
    }
    StringBuilder s = new StringBuilder(tag);
    for (String c : classes.trim().split("\\s+")) {
      if (!c.isEmpty()) {
        s.append('.').append(c);
      }
    }
    return s.toString();
  }

  private static Iterable<JsonNode> iterable(JsonNode array) {
    return array != null && array.isArray() ? array : List.of();
  }
}
