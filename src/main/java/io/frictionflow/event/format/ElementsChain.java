package io.frictionflow.event.format;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the target element of PostHog's {@code $elements_chain}: elements from the target outward,
 * separated by {@code ;}, each {@code tag.class1.class2:} followed by {@code name="value"}
 * attributes ({@code attr__id}, {@code href}, {@code text}, {@code nth-child}, ...), quotes inside
 * values escaped with a backslash.
 *
 * @param tag the element's tag, lower case, or null
 * @param selector {@code tag#id}, else {@code tag.class1.class2}, else the tag
 * @param text the element's text, or null
 * @param href the link target, or null
 * @param attributes every attribute of the element as written in the chain
 */
record ElementsChain(
    String tag, String selector, String text, String href, Map<String, String> attributes) {
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([A-Za-z0-9_\\-$]+)=\"((?:\\\\.|[^\"\\\\])*)\"");

  /** The first (innermost) element of {@code chain}, or null for an empty chain. */
  static ElementsChain first(String chain) {
    if (chain == null || chain.isBlank()) {
      return null;
    }
    String element = firstElement(chain);
    int colon = indexOutsideQuotes(element, ':');
    String head = colon < 0 ? element : element.substring(0, colon);
    String attrs = colon < 0 ? "" : element.substring(colon + 1);
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher m = ATTRIBUTE.matcher(attrs);
    while (m.find()) {
      attributes.putIfAbsent(m.group(1), m.group(2).replaceAll("\\\\(.)", "$1"));
    }
    String[] parts = head.split("\\.");
    String tag = parts.length == 0 || parts[0].isBlank() ? null : parts[0].toLowerCase();
    String id = attributes.getOrDefault("attr__id", attributes.get("attr_id"));
    StringBuilder selector = new StringBuilder(tag == null ? "" : tag);
    if (id != null && !id.isBlank()) {
      selector.append('#').append(id);
    } else {
      for (int i = 1; i < parts.length; i++) {
        if (!parts[i].isBlank()) {
          selector.append('.').append(parts[i]);
        }
      }
    }
    String href = attributes.getOrDefault("href", attributes.get("attr__href"));
    return new ElementsChain(
        tag,
        selector.isEmpty() ? null : selector.toString(),
        attributes.get("text"),
        href,
        attributes);
  }

  private static String firstElement(String chain) {
    int semi = indexOutsideQuotes(chain, ';');
    return semi < 0 ? chain : chain.substring(0, semi);
  }

  private static int indexOutsideQuotes(String s, char c) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (ch == c && !quoted) {
        return i;
      }
    }
    return -1;
  }
}
