package io.frictionflow.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Privacy controls for everything that leaves the job. Free text and URL query strings get e-mail
 * addresses, phone numbers and card-like digit runs masked (on by default); configured paths of the
 * session context are dropped or hashed; in allow-list mode only the listed context paths are kept.
 * Pure.
 *
 * <p>Paths are dotted into the context object, through lists: {@code last_events.text}, {@code
 * pages.path}, {@code entry_page}.
 */
public final class Redactor implements Serializable {
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");

  /** A candidate phone number; it counts when it holds 9 to 15 digits (see {@link #text}). */
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ().-]{6,20}\\d(?![\\w])");

  private final boolean maskPii;
  private final List<String> drop;
  private final List<String> hash;
  private final List<String> allow;
  private final String salt;

  /**
   * @param maskPii mask e-mail, phone and card numbers in text and URLs
   * @param drop context paths removed before output
   * @param hash context paths replaced by a salted SHA-256 (first 16 hex digits)
   * @param allow when not empty, allow-list mode: only these context paths are kept
   */
  public Redactor(
      boolean maskPii, List<String> drop, List<String> hash, List<String> allow, String salt) {
    this.maskPii = maskPii;
    this.drop = List.copyOf(drop);
    this.hash = List.copyOf(hash);
    this.allow = List.copyOf(allow);
    this.salt = salt == null ? "" : salt;
  }

  /** The defaults: PII masking on, nothing dropped or hashed, no allow-list. */
  public static Redactor defaults() {
    return new Redactor(true, List.of(), List.of(), List.of(), "");
  }

  /** Free text with PII masked. */
  public String text(String s) {
    if (s == null || !maskPii) {
      return s;
    }
    String out = EMAIL.matcher(s).replaceAll("[email]");
    out = CARD.matcher(out).replaceAll("[card]");
    return PHONE
        .matcher(out)
        .replaceAll(
            m -> {
              long digits = m.group().chars().filter(Character::isDigit).count();
              return digits >= 9 && digits <= 15
                  ? "[phone]"
                  : java.util.regex.Matcher.quoteReplacement(m.group());
            });
  }

  /** A URL whose query values that hold PII are replaced by {@code [redacted]}. */
  public String url(String url) {
    if (url == null || !maskPii) {
      return url;
    }
    int q = url.indexOf('?');
    if (q < 0) {
      return text(url);
    }
    StringBuilder b = new StringBuilder(text(url.substring(0, q))).append('?');
    String[] params = url.substring(q + 1).split("&", -1);
    for (int i = 0; i < params.length; i++) {
      String p = params[i];
      int eq = p.indexOf('=');
      if (i > 0) {
        b.append('&');
      }
      if (eq < 0) {
        b.append(p);
        continue;
      }
      String value = p.substring(eq + 1);
      String decoded;
      try {
        decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = value;
      }
      b.append(p, 0, eq + 1).append(text(decoded).equals(decoded) ? value : "[redacted]");
    }
    return b.toString();
  }

  /** Applies drop, hash and allow-list rules to a context object, in place. */
  public ObjectNode apply(ObjectNode context) {
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
      o.put(parts[i], digest(o.get(parts[i]).asText()));
    }
  }

  private String digest(String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest((salt + value).getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
