package io.frictionflow.score;

import io.frictionflow.event.Event;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a session's events into the named features of {@code docs/intent-model.md}. One
 * implementation for the job's operator and for training from events, so serving and training
 * cannot disagree. Pure.
 *
 * <p>Page categories map to the UCI "Online Shoppers" columns, so a model trained on that table can
 * score live sessions: account/administrative pages are {@code Administrative}, informational pages
 * {@code Informational}, product, category and search pages {@code ProductRelated}; durations are
 * seconds of dwell (page view to next page view; the current page's dwell grows with the session's
 * latest event).
 */
public final class FeatureExtractor {
  /** Numeric features, in documentation order. */
  public static final List<String> NUMERIC =
      List.of(
          "Administrative",
          "Administrative_Duration",
          "Informational",
          "Informational_Duration",
          "ProductRelated",
          "ProductRelated_Duration",
          "pages",
          "duration_s",
          "max_scroll_pct",
          "clicks",
          "clicks_per_min",
          "hover_s",
          "form_inputs",
          "submits",
          "cart_adds",
          "checkout_starts",
          "errors",
          "friction_signals");

  /** Categorical features. */
  public static final List<String> CATEGORICAL =
      List.of("Month", "Weekend", "VisitorType", "device_class", "referrer_class");

  private static final Set<String> ADMIN = Set.of("account", "administrative", "login", "profile");
  private static final Set<String> INFO =
      Set.of("informational", "info", "help", "about", "blog", "faq");
  private static final Set<String> PRODUCT = Set.of("product", "category", "search", "listing");
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "June", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final Set<String> SEARCH_HOSTS =
      Set.of("google", "bing", "duckduckgo", "yahoo", "ecosia", "baidu");
  private static final Set<String> SOCIAL_HOSTS =
      Set.of(
          "facebook",
          "instagram",
          "t",
          "twitter",
          "x",
          "linkedin",
          "pinterest",
          "tiktok",
          "reddit",
          "youtube");

  private FeatureExtractor() {}

  /** Updates {@code s} with {@code e}; events must come in (roughly) event-time order. */
  public static void update(SessionFeatures s, Event e) {
    long t = e.time();
    if (s.startTime < 0) {
      s.startTime = t;
      s.deviceClass = e.device() == null ? null : e.device().deviceClass();
      s.returning = e.userId() != null;
    }
    s.lastTime = Math.max(s.lastTime, t);
    switch (e.type()) {
      case "page_view" -> {
        closePage(s, t);
        if (s.pages == 0) {
          s.referrerClass =
              referrerClass(
                  e.page() == null ? null : e.page().referrer(),
                  e.page() == null ? null : e.page().url());
        }
        s.pages++;
        String cat = category(e.page() == null ? null : e.page().category());
        s.currentCategory = cat;
        s.currentPageStart = t;
        switch (cat) {
          case "admin" -> s.adminPages++;
          case "info" -> s.infoPages++;
          case "product" -> s.productPages++;
          default -> s.otherPages++;
        }
      }
      case "click", "dblclick" -> s.clicks++;
      case "hover" ->
          s.hoverMs +=
              (long) IntentScorer.number(e.props() == null ? null : e.props().get("duration_ms"));
      case "scroll" -> {
        if (e.scroll() != null && e.scroll().depthPct() != null) {
          s.maxScrollPct = Math.max(s.maxScrollPct, e.scroll().depthPct());
        }
      }
      case "input", "change" -> s.formInputs++;
      case "submit" -> s.submits++;
      case "add_to_cart" -> s.cartAdds++;
      case "checkout_start" -> s.checkoutStarts++;
      case "error" -> s.errors++;
      default -> {
        // Other types move the clock only.
      }
    }
  }

  /** Counts a friction signal of the session. */
  public static void recordSignal(SessionFeatures s) {
    s.frictionSignals++;
  }

  private static void closePage(SessionFeatures s, long t) {
    if (s.currentPageStart < 0) {
      return;
    }
    long dwell = Math.max(0, t - s.currentPageStart);
    switch (s.currentCategory) {
      case "admin" -> s.adminMs += dwell;
      case "info" -> s.infoMs += dwell;
      case "product" -> s.productMs += dwell;
      default -> s.otherMs += dwell;
    }
  }

  /** The named feature values of {@code s} now. */
  public static Map<String, Object> values(SessionFeatures s) {
    long ongoing = s.currentPageStart < 0 ? 0 : Math.max(0, s.lastTime - s.currentPageStart);
    String cur = s.currentCategory == null ? "" : s.currentCategory;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("Administrative", (double) s.adminPages);
    v.put("Administrative_Duration", (s.adminMs + (cur.equals("admin") ? ongoing : 0)) / 1000.0);
    v.put("Informational", (double) s.infoPages);
    v.put("Informational_Duration", (s.infoMs + (cur.equals("info") ? ongoing : 0)) / 1000.0);
    v.put("ProductRelated", (double) s.productPages);
    v.put(
        "ProductRelated_Duration", (s.productMs + (cur.equals("product") ? ongoing : 0)) / 1000.0);
    double duration = s.startTime < 0 ? 0 : (s.lastTime - s.startTime) / 1000.0;
    v.put("pages", (double) s.pages);
    v.put("duration_s", duration);
    v.put("max_scroll_pct", s.maxScrollPct);
    v.put("clicks", (double) s.clicks);
    v.put("clicks_per_min", duration <= 0 ? 0.0 : s.clicks / (duration / 60.0));
    v.put("hover_s", s.hoverMs / 1000.0);
    v.put("form_inputs", (double) s.formInputs);
    v.put("submits", (double) s.submits);
    v.put("cart_adds", (double) s.cartAdds);
    v.put("checkout_starts", (double) s.checkoutStarts);
    v.put("errors", (double) s.errors);
    v.put("friction_signals", (double) s.frictionSignals);
    ZonedDateTime start = Instant.ofEpochMilli(Math.max(0, s.startTime)).atZone(ZoneOffset.UTC);
    v.put("Month", MONTHS[start.getMonthValue() - 1]);
    v.put(
        "Weekend",
        start.getDayOfWeek() == DayOfWeek.SATURDAY || start.getDayOfWeek() == DayOfWeek.SUNDAY
            ? "TRUE"
            : "FALSE");
    v.put("VisitorType", s.returning ? "Returning_Visitor" : "New_Visitor");
    v.put("device_class", s.deviceClass == null ? "unknown" : s.deviceClass);
    v.put("referrer_class", s.referrerClass == null ? "direct" : s.referrerClass);
    return v;
  }

  static String category(String c) {
    String k = c == null ? "" : c.toLowerCase(java.util.Locale.ROOT);
    if (ADMIN.contains(k)) {
      return "admin";
    }
    if (INFO.contains(k)) {
      return "info";
    }
    if (PRODUCT.contains(k)) {
      return "product";
    }
    return "other";
  }

  /** direct, search, social, internal or other, from the entry page's referrer. */
  static String referrerClass(String referrer, String pageUrl) {
    if (referrer == null || referrer.isBlank()) {
      return "direct";
    }
    try {
      String host = URI.create(referrer).getHost();
      if (host == null) {
        return "other";
      }
      String pageHost = pageUrl == null ? null : URI.create(pageUrl).getHost();
      if (host.equals(pageHost)) {
        return "internal";
      }
      String[] parts = host.toLowerCase(java.util.Locale.ROOT).split("\\.");
      String name = parts.length >= 2 ? parts[parts.length - 2] : parts[0];
      if (SEARCH_HOSTS.contains(name)) {
        return "search";
      }
      if (SOCIAL_HOSTS.contains(name)) {
        return "social";
      }
      return "other";
    } catch (IllegalArgumentException e) {
      return "other";
    }
  }
}
