package io.frictionflow.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.sample.SessionGenerator.Scenario;
import io.frictionflow.sample.SessionGenerator.Session;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One generated session, a page at a time: the landing page, then each page of browsing (with the
 * friction scenario on its page, and a cart, form or link at the end). Holds the session's draws,
 * clock and place, and only the events of pages not yet taken, so a stream of many sessions needs
 * memory per open session, not per event. The draws come from {@code random} in the order a single
 * pass over the whole session makes them.
 */
final class SessionScript {
  private static final String[] PRODUCTS = {
    "/p/espresso-machine", "/p/grinder", "/p/kettle", "/p/mug", "/p/beans"
  };
  private static final String[] INFO = {"/about", "/shipping", "/returns", "/blog/brewing"};

  private final RandomGenerator random;
  private final Scenario scenario;
  private final SessionBuilder b;
  private int pages;
  private int scenarioAt;
  private boolean cart;

  /** The next page to generate; -1 before the landing page. */
  private int p = -1;

  /**
   * @param id the session id
   * @param scenario its friction scenario, or null
   * @param t0 epoch ms of its first event
   * @param random the draws, used by this session alone until it has ended
   */
  SessionScript(String id, Scenario scenario, long t0, RandomGenerator random) {
    this.random = random;
    this.scenario = scenario;
    this.b = new SessionBuilder(id, t0);
  }

  /** Appends the next page's events to {@link #events()}; false once the session has ended. */
  boolean step() {
    if (p < 0) {
      String device = random.nextInt(3) == 0 ? "mobile" : "desktop";
      b.page(
          "/",
          "home",
          pick(new String[] {"https://www.google.com/", "", "https://instagram.com/"}),
          device);
      pages = 3 + random.nextInt(5);
      scenarioAt = scenario == null ? -1 : 1 + random.nextInt(pages - 1);
      p = 0;
      return true;
    }
    if (p >= pages) {
      return false;
    }
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
    p++;
    return true;
  }

  /** The events generated and not yet taken; callers take them by clearing the list. */
  List<ObjectNode> events() {
    return b.events;
  }

  /** The whole session at once. */
  Session all() {
    while (step()) {
      // every page's events accumulate in events()
    }
    return new Session(b.session, scenario, b.events);
  }

  private void scenario(SessionBuilder b, Scenario s) {
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
}
