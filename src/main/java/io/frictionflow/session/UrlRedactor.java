package io.frictionflow.session;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Masks the secrets and PII of a URL: user info, secret parameters and PII-bearing segments.
 *
 * <p>A URL is cut into pieces (scheme and authority, path segments, query parameters, the fragment
 * as a route, parameters or an anchor), each judged after percent-decoding, so an encoded {@code
 * %40} hides nothing. The input is bounded like text ({@link TextMasker#window}); a piece that the
 * window cut is never emitted, since it may hide the rest of a secret.
 */
final class UrlRedactor implements Serializable {
  /**
   * URL parameters whose values are always masked. A name matches an entry when it equals it or
   * ends with {@code _}, {@code -} or {@code .} and the entry ({@code csrf_token}, {@code
   * X-Amz-Signature}), case-insensitively, after percent-decoding.
   */
  static final List<String> DEFAULT_SECRET_PARAMS =
      List.of(
          "access_token",
          "api_key",
          "apikey",
          "auth",
          "authorization",
          "client_secret",
          "code",
          "credential",
          "email",
          "id_token",
          "jwt",
          "key",
          "otp",
          "pass",
          "passwd",
          "password",
          "phone",
          "pwd",
          "refresh_token",
          "secret",
          "session",
          "sessionid",
          "sid",
          "sig",
          "signature",
          "state",
          "token");

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private final TextMasker masker;
  private final List<String> secretParams;

  /**
   * @param masker masks PII found in the pieces, and sees every regular-expression input
   * @param secretParams URL parameter names whose values are masked
   */
  UrlRedactor(TextMasker masker, List<String> secretParams) {
    this.masker = masker;
    this.secretParams = secretParams.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** A URL cut at {@code maxString} characters, with user info, secrets and PII masked. */
  String url(String url, int maxString) {
    if (url == null) {
      return null;
    }
    if (!masker.maskPii()) {
      return TextMasker.cut(url, maxString);
    }
    boolean truncated = url.length() > TextMasker.regexInputBound(maxString);
    String w = truncated ? url.substring(0, TextMasker.window(maxString, url)) : url;
    List<Piece> pieces = new ArrayList<>();
    int pos = 0;
    Matcher scheme = masker.matcher(SCHEME, w.length() > 40 ? w.substring(0, 40) : w);
    if (scheme.find() && w.startsWith("//", scheme.end())) {
      int authStart = scheme.end() + 2;
      int authEnd = indexOfAny(w, "/?#", authStart);
      int at = w.lastIndexOf('@', authEnd - 1);
      if (at >= authStart) {
        pieces.add(new Piece(0, authStart, w.substring(0, authStart) + "[redacted]"));
        pieces.add(new Piece(at, authEnd, w.substring(at, authEnd)));
      } else {
        pieces.add(new Piece(0, authEnd, w.substring(0, authEnd)));
      }
      pos = authEnd;
    }
    int query = indexOfAny(w, "?#", pos);
    segments(w, pos, query, pieces);
    if (query < w.length() && w.charAt(query) == '?') {
      int hashAt = w.indexOf('#', query);
      int end = hashAt < 0 ? w.length() : hashAt;
      pieces.add(new Piece(query, query + 1, "?"));
      params(w, query + 1, end, pieces);
      query = end;
    }
    if (query < w.length()) {
      // The fragment: a route with its own query (#/reset?token=...), parameters
      // (#id_token=...&state=...), or a plain anchor.
      pieces.add(new Piece(query, query + 1, "#"));
      int q = w.indexOf('?', query + 1);
      if (q >= 0) {
        segments(w, query + 1, q, pieces);
        pieces.add(new Piece(q, q + 1, "?"));
        params(w, q + 1, w.length(), pieces);
      } else if (w.indexOf('=', query + 1) >= 0) {
        params(w, query + 1, w.length(), pieces);
      } else {
        segments(w, query + 1, w.length(), pieces);
      }
    }
    StringBuilder out = new StringBuilder();
    boolean dropped = false;
    for (Piece p : pieces) {
      // A piece the window cut may hide the rest of a secret: it is never emitted.
      if (p.start() >= maxString || (truncated && p.end() >= w.length())) {
        dropped = true;
        break;
      }
      out.append(p.text());
    }
    return TextMasker.finish(out, dropped, maxString);
  }

  /** Whether a string of unknown meaning reads as a URL: a path, query, fragment or scheme. */
  boolean looksLikeUrl(String s) {
    return s.startsWith("/")
        || s.startsWith("?")
        || s.startsWith("#")
        || masker.matcher(SCHEME, s.length() > 40 ? s.substring(0, 40) : s).find();
  }

  /** One part of a URL: where it starts and ends in the input, and what to emit for it. */
  private record Piece(int start, int end, String text) {}

  /** Path segments of {@code w[from, to)}: kept as sent unless PII shows after decoding. */
  private void segments(String w, int from, int to, List<Piece> pieces) {
    int i = from;
    while (i < to) {
      int next = w.indexOf('/', i + 1);
      int end = next < 0 || next > to ? to : next;
      String raw = w.substring(i, end);
      String decoded = decode(raw, false);
      pieces.add(new Piece(i, end, masker.hasPii(decoded) ? masker.maskAll(decoded) : raw));
      i = end;
    }
  }

  /** Parameters of {@code w[from, to)}: secret names and values with PII are masked. */
  private void params(String w, int from, int to, List<Piece> pieces) {
    int i = from;
    while (i <= to) {
      int amp = indexOfAny(w, "&;", i);
      int end = Math.min(amp, to);
      String p = w.substring(i, end);
      int eq = p.indexOf('=');
      String text;
      if (eq < 0) {
        text = masker.hasPii(decode(p, true)) ? "[redacted]" : p;
      } else {
        String name = decode(p.substring(0, eq), true);
        String value = decode(p.substring(eq + 1), true);
        if (masker.hasPii(name)) {
          text = "[redacted]";
        } else if (isSecret(name) || masker.hasPii(value)) {
          text = p.substring(0, eq + 1) + (value.isEmpty() ? "" : "[redacted]");
        } else {
          text = p;
        }
      }
      pieces.add(new Piece(i, end, end < to ? text + w.charAt(end) : text));
      if (end >= to) {
        break;
      }
      i = end + 1;
    }
  }

  private boolean isSecret(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (String s : secretParams) {
      if (n.equals(s)
          || (n.endsWith(s)
              && n.length() > s.length()
              && "_-.".indexOf(n.charAt(n.length() - s.length() - 1)) >= 0)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Percent-decoding that never throws: malformed escapes stay as they are, bytes that are not
   * UTF-8 become U+FFFD. Decodes up to three times, so a doubly encoded {@code %2540} shows an
   * {@code @}. ({@link java.net.URLDecoder} throws on malformed input and always turns {@code +}
   * into a space, which is wrong in paths.)
   */
  static String decode(String s, boolean plusIsSpace) {
    String cur = s;
    for (int round = 0; round < 3; round++) {
      if (cur.indexOf('%') < 0 && !(plusIsSpace && cur.indexOf('+') >= 0)) {
        return cur;
      }
      String next = decodeOnce(cur, plusIsSpace);
      if (next.equals(cur)) {
        return cur;
      }
      cur = next;
      plusIsSpace = false;
    }
    return cur;
  }

  private static String decodeOnce(String s, boolean plusIsSpace) {
    StringBuilder out = new StringBuilder(s.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int hi = i + 2 < s.length() && c == '%' ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (lo >= 0) {
        bytes.write(hi * 16 + lo);
        i += 2;
        continue;
      }
      if (bytes.size() > 0) {
        out.append(bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
      }
      out.append(plusIsSpace && c == '+' ? ' ' : c);
    }
    if (bytes.size() > 0) {
      out.append(bytes.toString(StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }
}
