package io.frictionflow.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A deterministic generator of realistic e-commerce sessions in the canonical event JSON: normal
 * browsing (page views, scrolls, pointer summaries, clicks that get a reaction, forms that are
 * submitted, carts that check out) and, in a share of sessions, one friction scenario. The first
 * event of a scenario carries {@code props.scenario}. Pure Java; the same seed gives the same
 * sessions.
 */
public final class SessionGenerator {
  /** The friction scenarios, one per friction session, and the patterns each should fire. */
  public enum Scenario {
    RAGE_CLICK("rage-click", "dead-click"),
    DEAD_CLICK("dead-click"),
    ERROR_CLICK("error-click"),
    THRASHED_CURSOR("thrashed-cursor"),
    QUICK_BACK("quick-back"),
    EXCESSIVE_SCROLL("excessive-scroll"),
    FORM_ABANDONMENT("form-abandonment"),
    FORM_ERROR_LOOP("form-error-loop"),
    CART_ABANDONMENT("cart-abandonment");

    private final List<String> patterns;

    Scenario(String... patterns) {
      this.patterns = List.of(patterns);
    }

    /** The pattern ids this scenario fires with the default profiles. */
    public List<String> patterns() {
      return patterns;
    }

    /** The name used in {@code props.scenario}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One generated session: its id, its scenario (null for a normal one) and its events. */
  public record Session(String id, Scenario scenario, List<ObjectNode> events) {}

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String[] PRODUCTS = {
    "/p/espresso-machine", "/p/grinder", "/p/kettle", "/p/mug", "/p/beans"
  };
  private static final String[] INFO = {"/about", "/shipping", "/returns", "/blog/brewing"};

  private final SplittableRandom random;
  private final long start;

  /**
   * @param seed the random seed
   * @param startMillis epoch ms of the first session's start
   */
  public SessionGenerator(long seed, long startMillis) {
    this.random = new SplittableRandom(seed);
    this.start = startMillis;
  }

  /**
   * Generates {@code count} sessions starting spread over {@code spreadMillis}; session {@code i}
   * has the friction scenario {@code scenarios[i % scenarios.length]} when it is among the first
   * {@code frictionShare} of sessions, else none.
   */
  public List<Session> sessions(int count, double frictionShare, long spreadMillis) {
    List<Session> out = new ArrayList<>();
    sessions(count, frictionShare, spreadMillis, out::add);
    return out;
  }

  /**
   * The same sessions as {@link #sessions(int, double, long)}, handed to {@code each} one at a time
   * so that large workloads need not hold every session's events at once.
   */
  public void sessions(int count, double frictionShare, long spreadMillis, Consumer<Session> each) {
    Scenario[] scenarios = Scenario.values();
    int friction = (int) Math.round(count * frictionShare);
    for (int i = 0; i < count; i++) {
      Scenario sc = i < friction ? scenarios[i % scenarios.length] : null;
      long t0 = start + (long) (random.nextDouble() * spreadMillis);
      each.accept(session(String.format("sess-%04d", i), sc, t0));
    }
  }

  /** All events of {@code sessions} in event-time order. */
  public static List<ObjectNode> interleave(List<Session> sessions) {
    List<ObjectNode> all = new ArrayList<>();
    sessions.forEach(s -> all.addAll(s.events()));
    all.sort(Comparator.comparingLong(e -> e.get("ts").asLong()));
    return all;
  }

  private Session session(String id, Scenario scenario, long t0) {
    Builder b = new Builder(id, t0);
    String device = random.nextInt(3) == 0 ? "mobile" : "desktop";
    b.page(
        "/",
        "home",
        pick(new String[] {"https://www.google.com/", "", "https://instagram.com/"}),
        device);
    int pages = 3 + random.nextInt(5);
    int scenarioAt = scenario == null ? -1 : 1 + random.nextInt(pages - 1);
    boolean cart = false;
    for (int p = 0; p < pages; p++) {
      b.think();
      if (p == scenarioAt) {
        scenario(b, scenario);
        b.think();
      }
      b.browse(random);
      if (p == pages - 2
          && !cart
          && random.nextInt(3) == 0
          && scenario != Scenario.CART_ABANDONMENT) {
        b.addToCartAndCheckOut(random);
        cart = true;
      } else if (p == 1 && random.nextInt(4) == 0) {
        b.fillForm("newsletter", random);
      } else {
        String path = random.nextInt(4) == 0 ? pick(INFO) : pick(PRODUCTS);
        b.followLink(path, path.startsWith("/p/") ? "product" : "informational");
      }
    }
    return new Session(id, scenario, b.events);
  }

  private void scenario(Builder b, Scenario s) {
    switch (s) {
      case RAGE_CLICK -> {
        double x = 300 + random.nextInt(400);
        double y = 200 + random.nextInt(300);
        int n = 3 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          ObjectNode c =
              b.click(
                  "#apply-coupon",
                  "button",
                  "Apply",
                  x + random.nextInt(7) - 3,
                  y + random.nextInt(7) - 3);
          if (i == 0) {
            b.label(c, s);
          }
          b.t += 150 + random.nextInt(200);
        }
        b.t += 4000;
      }
      case DEAD_CLICK -> {
        b.label(b.click("#size-guide", "button", "Size guide", 500, 400), s);
        b.t += 4000 + random.nextInt(3000);
      }
      case ERROR_CLICK -> {
        b.label(b.click("#checkout", "button", "Checkout", 700, 500), s);
        b.t += 200 + random.nextInt(1200);
        ObjectNode e = b.event("error");
        e.putObject("error")
            .put("message", "TypeError: Cannot read properties of undefined (reading 'price')")
            .put("kind", "TypeError");
        b.t += 80;
        b.event("dom_change");
      }
      case THRASHED_CURSOR -> {
        for (int i = 0; i < 3; i++) {
          ObjectNode m = b.pointer(600, 8 + random.nextInt(3), 1 + random.nextInt(2));
          if (i == 0) {
            b.label(m, s);
          }
          b.t += 400 + random.nextInt(200);
        }
      }
      case QUICK_BACK -> {
        b.label(b.event("click"), s)
            .putObject("target")
            .put("tag", "a")
            .put("selector", "a.promo")
            .put("href", "/p/grinder");
        b.t += 60;
        b.event("navigate").put("how", "link");
        b.t += 200;
        b.pageView("/p/grinder", "product", null);
        b.t += 1000 + random.nextInt(3000);
        b.event("navigate").put("how", "back");
        b.t += 200;
        b.pageView("/", "home", null);
      }
      case EXCESSIVE_SCROLL -> {
        int n = 8 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          ObjectNode sc = b.scroll((i % 2 == 0 ? 1 : -1) * (200 + random.nextInt(300)), 40);
          if (i == 0) {
            b.label(sc, s);
          }
          b.t += 700 + random.nextInt(300);
        }
      }
      case FORM_ABANDONMENT -> {
        ObjectNode f = b.event("focus");
        f.putObject("field").put("id", "email").put("form", "signup");
        b.label(f, s);
        for (int i = 0; i < 3; i++) {
          b.t += 300 + random.nextInt(400);
          b.event("input").putObject("field").put("id", "email").put("form", "signup");
        }
        b.t += 3000;
        b.followLink("/about", "informational");
      }
      case FORM_ERROR_LOOP -> {
        for (int i = 0; i < 2; i++) {
          ObjectNode sub = b.event("submit");
          sub.putObject("field").put("form", "payment");
          if (i == 0) {
            b.label(sub, s);
          }
          b.t += 250;
          b.event("error")
              .putObject("error")
              .put("message", "Card number is invalid")
              .put("kind", "validation");
          b.t += 100;
          b.event("dom_change");
          b.t += 4000 + random.nextInt(4000);
        }
      }
      case CART_ABANDONMENT -> {
        ObjectNode c = b.click("#add-to-cart", "button", "Add to cart", 800, 450);
        b.label(c, s);
        b.t += 50;
        b.event("add_to_cart")
            .putObject("props")
            .put("sku", "SKU-" + random.nextInt(100))
            .put("price", 19.9);
        b.t += 60;
        b.event("dom_change");
        // Goes on browsing for more than ten minutes, never checks out.
        for (int i = 0; i < 6; i++) {
          b.t += 100_000 + random.nextInt(20_000);
          b.followLink(pick(PRODUCTS), "product");
        }
      }
    }
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  /** Appends one session's events, keeping its clock. */
  private static final class Builder {
    final String session;
    final List<ObjectNode> events = new ArrayList<>();
    long t;
    int n;
    String path = "/";
    String category = "home";
    String device = "desktop";
    final SplittableRandom jitter;

    Builder(String session, long t0) {
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
    void browse(SplittableRandom random) {
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

    void fillForm(String form, SplittableRandom random) {
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

    void addToCartAndCheckOut(SplittableRandom random) {
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
}
