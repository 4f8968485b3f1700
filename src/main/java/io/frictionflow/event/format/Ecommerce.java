package io.frictionflow.event.format;

import java.util.Locale;
import java.util.Map;

/**
 * Event names of the e-commerce specs (Segment's e-commerce v2, which PostHog's e-commerce spec
 * follows) mapped to canonical types; any other name becomes snake_case.
 */
final class Ecommerce {
  private static final Map<String, String> NAMES =
      Map.of(
          "product added", "add_to_cart",
          "checkout started", "checkout_start",
          "order completed", "purchase");

  private Ecommerce() {}

  /** The canonical type of a tracked event name: {@code Product Added} is add_to_cart. */
  static String type(String eventName) {
    String lower = eventName.trim().toLowerCase(Locale.ROOT);
    String mapped = NAMES.get(lower);
    return mapped != null ? mapped : lower.replaceAll("[^a-z0-9$]+", "_");
  }
}
