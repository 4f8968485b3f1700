package io.frictionflow.event.format;

import static io.frictionflow.event.format.Read.put;
import static io.frictionflow.event.format.Read.putObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.FailureReason;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps rrweb events ({@code {type, data, timestamp}}) of one recording onto canonical events. Meta
 * is page_view; MouseInteraction click, dblclick, focus, blur (and mouseup, mousedown, contextmenu,
 * touchstart, touchend); a MouseMove batch one pointer_move summary; Scroll scroll; Input input
 * (never the value); Mutation dom_change; Selection selection; ViewportResize viewport; Custom its
 * tag (e-commerce names as Segment's). Events that only carry recording state (FullSnapshot, Load,
 * style sheets, ...) become {@code rrweb_<kind>} so that nothing is dropped.
 *
 * <p>State: the {@link NodeTree} (bounded), the viewport, the page, the document's node id and the
 * last scroll offset of up to {@link #MAX_SCROLLERS} nodes (the document's seeded by the
 * FullSnapshot's {@code initialOffset}); a stateless use (one record at a time) gives each event a
 * fresh instance and gets no target tag, path or text and no scroll {@code dy}. {@link #write} and
 * {@link #read} carry the state through Flink's keyed state ({@link RrwebSession}).
 */
final class RrwebEvents {
  /** Most nodes whose last scroll offset is kept. */
  static final int MAX_SCROLLERS = 256;

  private static final int STATE_VERSION = 1;

  private static final String[] INCREMENTAL = {
    "mutation", "mouse_move", "mouse_interaction", "scroll", "viewport_resize", "input",
    "touch_move", "media_interaction", "style_sheet_rule", "canvas_mutation", "font", "log",
    "drag", "style_declaration", "selection", "adopted_style_sheet", "custom_element"
  };
  private static final String[] INTERACTIONS = {
    "mouseup",
    "mousedown",
    "click",
    "contextmenu",
    "dblclick",
    "focus",
    "blur",
    "touchstart",
    "touchmove_departed",
    "touchend",
    "touchcancel"
  };
  private static final String[] TYPES = {
    "dom_content_loaded",
    "load",
    "full_snapshot",
    "incremental_snapshot",
    "meta",
    "custom",
    "plugin"
  };

  private final NodeTree tree = new NodeTree();
  private final Map<Integer, Double> lastScrollY = new HashMap<>();
  private Integer viewportW;
  private Integer viewportH;
  private String url;
  private Integer documentId;

  /** The node tree, for labels given beside the recording. */
  NodeTree tree() {
    return tree;
  }

  /**
   * The canonical event's JSON for {@code e}, in session {@code sessionId} with id {@code eventId}.
   *
   * @param path where {@code e} is, for error messages (e.g. {@code [12]} or {@code event})
   */
  ObjectNode map(JsonNode e, String sessionId, String eventId, String path) throws DecodeException {
    if (e == null || !e.isObject()) {
      throw new DecodeException(
          FailureReason.WRONG_TYPE, path, path + " must be an rrweb event object");
    }
    ObjectNode ev = (ObjectNode) e;
    Integer type = Read.integer(ev, "type", path + ".type");
    if (type == null) {
      throw Read.missing(path + ".type");
    }
    Long ts = Read.time(ev, "timestamp", path + ".timestamp");
    if (ts == null) {
      throw Read.missing(path + ".timestamp");
    }
    ObjectNode data = Read.object(ev, "data", path + ".data");
    if (data == null) {
      data = JsonNodeFactory.instance.objectNode();
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("event_id", eventId);
    out.put("session_id", sessionId);
    out.put("ts", ts);
    String kind;
    String dp = path + ".data.";
    switch (type) {
      case 2 -> {
        tree.snapshot(data.get("node"));
        snapshotted(data);
        kind = "rrweb_full_snapshot";
      }
      case 3 -> kind = incremental(data, dp, out);
      case 4 -> {
        kind = "page_view";
        url = Read.string(data, "href", dp + "href");
        viewportW = Read.integer(data, "width", dp + "width");
        viewportH = Read.integer(data, "height", dp + "height");
      }
      case 5 -> {
        String tag = Read.string(data, "tag", dp + "tag");
        kind = tag == null || tag.isBlank() ? "rrweb_custom" : Ecommerce.type(tag);
        ObjectNode payload = Read.object(data, "payload", dp + "payload");
        putObject(out, "props", payload == null ? null : payload.deepCopy());
      }
      default -> kind = type >= 0 && type < TYPES.length ? "rrweb_" + TYPES[type] : "rrweb_" + type;
    }
    out.put("type", kind);
    if (url != null) {
      ObjectNode page = out.objectNode();
      page.put("url", url);
      put(page, "path", pathOf(url));
      out.set("page", page);
    }
    if (viewportW != null || viewportH != null) {
      ObjectNode v = out.objectNode();
      put(v, "w", viewportW);
      put(v, "h", viewportH);
      out.set("viewport", v);
    }
    return out;
  }

  private String incremental(ObjectNode data, String dp, ObjectNode out) throws DecodeException {
    Integer source = Read.integer(data, "source", dp + "source");
    if (source == null) {
      throw Read.missing(dp + "source");
    }
    switch (source) {
      case 0 -> {
        tree.mutate(data);
        ObjectNode props = out.objectNode();
        for (String k : new String[] {"adds", "removes", "texts", "attributes"}) {
          JsonNode a = data.get(k);
          props.put(k, a != null && a.isArray() ? a.size() : 0);
        }
        out.set("props", props);
        return "dom_change";
      }
      case 1, 6, 12 -> {
        return pointer(data, dp, out);
      }
      case 2 -> {
        Integer t = Read.integer(data, "type", dp + "type");
        target(data, dp, out);
        put(out, "x", Read.number(data, "x", dp + "x"));
        put(out, "y", Read.number(data, "y", dp + "y"));
        return t != null && t >= 0 && t < INTERACTIONS.length
            ? INTERACTIONS[t]
            : "mouse_interaction";
      }
      case 3 -> {
        Integer id = target(data, dp, out);
        Double y = Read.number(data, "y", dp + "y");
        ObjectNode scroll = out.objectNode();
        Double last = id == null || y == null ? null : scrolled(id, y);
        if (last != null) {
          scroll.put("dy", y - last);
        }
        putObject(out, "scroll", scroll);
        ObjectNode props = out.objectNode();
        put(props, "scroll_y", y);
        put(props, "scroll_x", Read.number(data, "x", dp + "x"));
        if (y != null && viewportH != null && id != null && id.equals(documentId)) {
          // How far down the bottom of the viewport reached on the page, in px. No depth_pct:
          // rrweb records no document height (docs/events.md).
          props.put("depth_px", y + viewportH);
        }
        out.set("props", props);
        return "scroll";
      }
      case 4 -> {
        viewportW = Read.integer(data, "width", dp + "width");
        viewportH = Read.integer(data, "height", dp + "height");
        return "viewport";
      }
      case 5 -> {
        Integer id = target(data, dp, out);
        if (id != null) {
          ObjectNode field = out.objectNode();
          String path = tree.path(id);
          put(field, "id", path);
          putObject(out, "field", field);
        }
        return "input";
      }
      case 14 -> {
        return "selection";
      }
      default -> {
        return source >= 0 && source < INCREMENTAL.length
            ? "rrweb_" + INCREMENTAL[source]
            : "rrweb_source_" + source;
      }
    }
  }

  /** A FullSnapshot's document node and its {@code initialOffset}: the page's scroll offset. */
  private void snapshotted(ObjectNode data) {
    JsonNode node = data.get("node");
    JsonNode id = node == null ? null : node.get("id");
    documentId = id != null && id.isIntegralNumber() ? id.asInt() : null;
    lastScrollY.clear();
    JsonNode top = data.path("initialOffset").get("top");
    if (documentId != null && top != null && top.isNumber()) {
      lastScrollY.put(documentId, top.asDouble());
    }
  }

  /** Records {@code id}'s offset {@code y}; returns its previous one, if known. */
  private Double scrolled(int id, double y) {
    if (lastScrollY.size() >= MAX_SCROLLERS && !lastScrollY.containsKey(id)) {
      return null;
    }
    return lastScrollY.put(id, y);
  }

  /** Estimated bytes of the state: the tree's and 64 per scroll offset and for the page. */
  long bytes() {
    return tree.bytes() + 64L * lastScrollY.size() + 64 + 2L * (url == null ? 0 : url.length());
  }

  /** Writes the state (for keyed state). */
  void write(DataOutput out) throws IOException {
    out.writeInt(STATE_VERSION);
    NodeTree.writeString(out, url);
    writeInt(out, viewportW);
    writeInt(out, viewportH);
    writeInt(out, documentId);
    out.writeInt(lastScrollY.size());
    for (Map.Entry<Integer, Double> e : lastScrollY.entrySet()) {
      out.writeInt(e.getKey());
      out.writeDouble(e.getValue());
    }
    tree.write(out);
  }

  /** The state {@link #write} wrote. */
  static RrwebEvents read(DataInput in) throws IOException {
    int version = in.readInt();
    if (version != STATE_VERSION) {
      throw new IOException("unknown rrweb state version " + version);
    }
    RrwebEvents r = new RrwebEvents();
    r.url = NodeTree.readString(in);
    r.viewportW = readInt(in);
    r.viewportH = readInt(in);
    r.documentId = readInt(in);
    int scrollers = in.readInt();
    for (int i = 0; i < scrollers; i++) {
      r.lastScrollY.put(in.readInt(), in.readDouble());
    }
    r.tree.read(in);
    return r;
  }

  private static void writeInt(DataOutput out, Integer v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeInt(v);
    }
  }

  private static Integer readInt(DataInput in) throws IOException {
    return in.readBoolean() ? in.readInt() : null;
  }

  /** The target of {@code data.id} from the node tree; returns the id. */
  private Integer target(ObjectNode data, String dp, ObjectNode out) throws DecodeException {
    Integer id = Read.integer(data, "id", dp + "id");
    if (id == null) {
      return null;
    }
    ObjectNode t = out.objectNode();
    put(t, "selector", tree.path(id));
    put(t, "tag", tree.tag(id));
    put(t, "text", tree.text(id));
    putObject(out, "target", t);
    return id;
  }

  /** One MouseMove batch as a movement summary, stamped with the batch's time (its end). */
  private String pointer(ObjectNode data, String dp, ObjectNode out) throws DecodeException {
    JsonNode positions = data.get("positions");
    if (positions == null || !positions.isArray()) {
      throw Read.missing(dp + "positions");
    }
    double distance = 0;
    int changesX = 0;
    int changesY = 0;
    double lastDx = 0;
    double lastDy = 0;
    Double px = null;
    Double py = null;
    Long first = null;
    Long last = null;
    ObjectNode p = null;
    for (int i = 0; i < positions.size(); i++) {
      if (!positions.get(i).isObject()) {
        throw new DecodeException(
            FailureReason.WRONG_TYPE,
            dp + "positions",
            dp + "positions[" + i + "] must be an object");
      }
      p = (ObjectNode) positions.get(i);
      String pp = dp + "positions[" + i + "].";
      Double x = Read.number(p, "x", pp + "x");
      Double y = Read.number(p, "y", pp + "y");
      Double off = Read.number(p, "timeOffset", pp + "timeOffset");
      long t = off == null ? 0 : off.longValue();
      first = first == null ? t : Math.min(first, t);
      last = last == null ? t : Math.max(last, t);
      if (x == null || y == null) {
        continue;
      }
      if (px != null) {
        double dx = x - px;
        double dy = y - py;
        distance += Math.hypot(dx, dy);
        if (dx != 0) {
          changesX += lastDx != 0 && Math.signum(dx) != Math.signum(lastDx) ? 1 : 0;
          lastDx = dx;
        }
        if (dy != 0) {
          changesY += lastDy != 0 && Math.signum(dy) != Math.signum(lastDy) ? 1 : 0;
          lastDy = dy;
        }
      }
      px = x;
      py = y;
    }
    ObjectNode pointer = out.objectNode();
    pointer.put("distance", Math.round(distance * 10) / 10.0);
    pointer.put("dir_changes_x", changesX);
    pointer.put("dir_changes_y", changesY);
    pointer.put("duration_ms", first == null ? 0 : last - first);
    out.set("pointer", pointer);
    put(out, "x", px);
    put(out, "y", py);
    if (p != null) {
      target(p, dp + "positions[" + (positions.size() - 1) + "].", out);
    }
    return "pointer_move";
  }

  private static String pathOf(String url) {
    try {
      String p = URI.create(url).getPath();
      return p == null || p.isEmpty() ? "/" : p;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
