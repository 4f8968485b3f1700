package io.frictionflow.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.sample.SessionGenerator.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Appends one session's events, keeping its clock: the event shapes of {@link SessionGenerator}.
 * Its {@link #events} are the events appended since they were last taken.
 */
final class SessionBuilder {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  final String session;
  final List<ObjectNode> events = new ArrayList<>();
  long t;
  int n;
  String path = "/";
  String category = "home";
  String device = "desktop";
  final SplittableRandom jitter;

  SessionBuilder(String session, long t0) {
    this.session = session;
    this.t = t0;
    this.jitter = new SplittableRandom(session.hashCode());
  }

  ObjectNode event(String type) {
    ObjectNode o = JSON.createObjectNode();
    o.put("event_id", session + "-" + (++n));
    o.put("session_id", session);
    o.put("type", type);
    o.put("ts", t);
    o.putObject("page")
        .put("url", "https://shop.example.com" + path)
        .put("path", path)
        .put("category", category);
    o.putObject("device").put("class", device);
    events.add(o);
    return o;
  }

  ObjectNode label(ObjectNode e, Scenario s) {
    (e.has("props") ? (ObjectNode) e.get("props") : e.putObject("props"))
        .put("scenario", s.label());
    return e;
  }

  void think() {
    t += 2000 + jitter.nextInt(8000);
  }

  void page(String p, String cat, String referrer, String deviceClass) {
    device = deviceClass;
    pageView(p, cat, referrer);
  }

  void pageView(String p, String cat, String referrer) {
    path = p;
    category = cat;
    ObjectNode v = event("page_view");
    if (referrer != null && !referrer.isEmpty()) {
      ((ObjectNode) v.get("page")).put("referrer", referrer);
    }
    v.putObject("viewport")
        .put("w", device.equals("mobile") ? 390 : 1440)
        .put("h", device.equals("mobile") ? 844 : 900);
  }

  ObjectNode click(String selector, String tag, String text, double x, double y) {
    ObjectNode c = event("click");
    c.putObject("target").put("selector", selector).put("tag", tag).put("text", text);
    c.put("x", x);
    c.put("y", y);
    return c;
  }

  ObjectNode scroll(double dy, double depth) {
    ObjectNode s = event("scroll");
    s.putObject("scroll").put("dy", dy).put("depth_pct", depth);
    return s;
  }

  ObjectNode pointer(double distance, int changesX, int changesY) {
    ObjectNode m = event("pointer_move");
    m.putObject("pointer")
        .put("distance", distance)
        .put("dir_changes_x", changesX)
        .put("dir_changes_y", changesY)
        .put("duration_ms", 500);
    return m;
  }

  /** Reading a page: scrolls down, pointer movement, a hover. */
  void browse(RandomGenerator random) {
    int scrolls = 1 + random.nextInt(4);
    double depth = 0;
    for (int i = 0; i < scrolls; i++) {
      depth = Math.min(100, depth + 15 + random.nextInt(20));
      scroll(300 + random.nextInt(400), depth);
      t += 1500 + random.nextInt(3000);
      pointer(100 + random.nextInt(400), random.nextInt(3), random.nextInt(3));
      t += 1200 + random.nextInt(2000);
    }
    ObjectNode h = event("hover");
    h.putObject("target").put("selector", ".product-card").put("tag", "div");
    h.putObject("props").put("duration_ms", 400 + random.nextInt(2000));
    t += 1500 + random.nextInt(2000);
  }

  void followLink(String to, String cat) {
    ObjectNode c =
        click(
            "a[href='" + to + "']",
            "a",
            "More",
            200 + jitter.nextInt(800),
            100 + jitter.nextInt(600));
    ((ObjectNode) c.get("target")).put("href", to);
    t += 40 + jitter.nextInt(80);
    event("navigate").put("how", "link");
    t += 150 + jitter.nextInt(250);
    pageView(to, cat, null);
  }

  void fillForm(String form, RandomGenerator random) {
    event("focus").putObject("field").put("id", "email").put("form", form);
    for (int i = 0; i < 2 + random.nextInt(4); i++) {
      t += 200 + random.nextInt(400);
      event("input").putObject("field").put("id", "email").put("form", form);
    }
    t += 800;
    event("blur").putObject("field").put("id", "email").put("form", form);
    t += 1500;
    event("submit").putObject("field").put("form", form);
    t += 120;
    event("network")
        .putObject("network")
        .put("status", 200)
        .put("method", "POST")
        .put("url", "/api/" + form);
    t += 60;
    event("dom_change");
    t += 2000;
  }

  void addToCartAndCheckOut(RandomGenerator random) {
    click("#add-to-cart", "button", "Add to cart", 800, 450);
    t += 50;
    event("add_to_cart")
        .putObject("props")
        .put("sku", "SKU-" + random.nextInt(100))
        .put("price", 24.5);
    t += 60;
    event("dom_change");
    t += 20_000 + random.nextInt(60_000);
    click("#checkout", "button", "Checkout", 900, 60);
    t += 40;
    event("checkout_start");
    t += 30;
    event("navigate").put("how", "link");
    t += 200;
    pageView("/checkout", "checkout", null);
    if (random.nextBoolean()) {
      fillForm("payment", random);
      event("purchase").putObject("props").put("total", 24.5);
    }
  }
}
