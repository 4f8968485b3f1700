package io.frictionflow.event.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
 * <p>Bounded: at most {@link #MAX_NODES} nodes and about {@link #MAX_BYTES} bytes ({@link
 * #bytes()}, an estimate of the heap it takes) are kept; nodes beyond either cap are not recorded,
 * and an interaction on one of them has no tag, path or text (only its coordinates). A text node
 * keeps its text with white space collapsed, at most {@link #MAX_TEXT} + 1 characters: all a
 * target's text can take from it. A recording keeps one tree, dropped with the recording; the
 * stateful Kafka decoder one per session in keyed state ({@link RrwebSession}).
 */
final class NodeTree {
  /** Most nodes kept per recording. */
  static final int MAX_NODES = 20_000;

  /** Most bytes (estimated, {@link #bytes()}) kept per recording. */
  static final long MAX_BYTES = 4L * 1024 * 1024;

  /** Estimated heap of one node besides its strings: the map entry, the record, its child list. */
  private static final int NODE_BYTES = 96;

  /** Longest text taken from a node and its descendants. */
  static final int MAX_TEXT = 100;

  private static final int PATH_DEPTH = 4;

  /** Most nodes visited to find one target's text. */
  private static final int MAX_VISITS = 500;

  private record Node(
      String tag, String selector, String text, int parent, List<Integer> children) {}

  private final Map<Integer, Node> nodes = new HashMap<>();
  private long bytes;

  /** Replaces the tree with a FullSnapshot's {@code node}. */
  void snapshot(JsonNode root) {
    nodes.clear();
    bytes = 0;
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
              if (full()) {
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
                put(
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

  /** Estimated bytes the kept nodes take: {@value #NODE_BYTES} each, two per character. */
  long bytes() {
    return bytes;
  }

  private boolean full() {
    return nodes.size() >= MAX_NODES || bytes >= MAX_BYTES;
  }

  private void put(int id, Node n) {
    Node old = nodes.put(id, n);
    if (old != null) {
      bytes -= cost(old);
    }
    bytes += cost(n);
  }

  private static long cost(Node n) {
    return NODE_BYTES
        + 2L * (length(n.tag) + length(n.selector) + length(n.text))
        + 4L * n.children.size();
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
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
    if (node == null || !node.isObject() || full()) {
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
      text = shortText(node.path("textContent").asText(""));
    }
    put(id, new Node(tag, selector, text, parent, new ArrayList<>()));
    Node p = nodes.get(parent);
    if (p != null) {
      p.children.add(id);
      bytes += 4;
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
    bytes -= cost(n);
    Node p = nodes.get(n.parent);
    if (p != null && p.children.remove((Integer) id)) {
      bytes -= 4;
    }
    for (int c : List.copyOf(n.children)) {
      remove(c);
    }
  }

  /** A text node's text as far as {@link #text} can use it: white space collapsed, cut. */
  private static String shortText(String text) {
    String t = text.length() > 64 * MAX_TEXT ? text.substring(0, 64 * MAX_TEXT) : text;
    t = t.replaceAll("\\s+", " ");
    return t.length() > MAX_TEXT + 1 ? t.substring(0, MAX_TEXT + 1) : t;
  }

  /** Writes the tree (for keyed state): every node with its parent and children in order. */
  void write(DataOutput out) throws IOException {
    out.writeInt(nodes.size());
    for (Map.Entry<Integer, Node> e : nodes.entrySet()) {
      Node n = e.getValue();
      out.writeInt(e.getKey());
      writeString(out, n.tag);
      writeString(out, n.selector);
      writeString(out, n.text);
      out.writeInt(n.parent);
      out.writeInt(n.children.size());
      for (int c : n.children) {
        out.writeInt(c);
      }
    }
  }

  /** Reads what {@link #write} wrote into this (empty) tree. */
  void read(DataInput in) throws IOException {
    nodes.clear();
    bytes = 0;
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      int id = in.readInt();
      String tag = readString(in);
      String selector = readString(in);
      String text = readString(in);
      int parent = in.readInt();
      int children = in.readInt();
      List<Integer> list = new ArrayList<>(children);
      for (int c = 0; c < children; c++) {
        list.add(in.readInt());
      }
      put(id, new Node(tag, selector, text, parent, list));
    }
  }

  /** A nullable string as its UTF-8 length (-1 for null) and bytes: no 64 KB limit. */
  static void writeString(DataOutput out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** What {@link #writeString} wrote. */
  static String readString(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
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
