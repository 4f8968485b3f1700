package io.frictionflow.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.frictionflow.event.Device;
import io.frictionflow.event.ErrorInfo;
import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.event.FormField;
import io.frictionflow.event.Network;
import io.frictionflow.event.Page;
import io.frictionflow.event.Target;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Privacy controls for everything that leaves the job. Pure.
 *
 * <p>Text: e-mail addresses, phone numbers, card-like digit runs and bearer tokens/JWTs are masked
 * (on by default). URLs: the user-info part, the values of secret parameters ({@code code}, {@code
 * access_token}, ...) in the query string and in the fragment, and any path segment or parameter
 * that holds PII after percent-decoding are masked. Context: configured paths are dropped or
 * hashed; in allow-list mode only the listed paths are kept. Late and failed events: reduced to a
 * redacted copy (see {@link #event} and {@link #failed}).
 *
 * <p>Cost is bounded per call: text is cut to {@code maxString + LOOKAHEAD} characters before any
 * regular expression sees it, and the expressions are RE2/J (linear time, no backtracking). What is
 * emitted comes from the first {@code maxString} characters only; the look-ahead makes sure that an
 * e-mail or number starting there is seen whole before it is masked.
 *
 * <p>Paths are dotted into the context object, through lists: {@code last_events.text}, {@code
 * pages.path}, {@code entry_page}.
 */
public final class Redactor implements Serializable {
  /** Characters past the cut that matching still sees; longer PII items may be masked partly. */
  public static final int LOOKAHEAD = 256;

  /**
   * URL parameters whose values are always masked. A name matches an entry when it equals it or
   * ends with {@code _}, {@code -} or {@code .} and the entry ({@code csrf_token}, {@code
   * X-Amz-Signature}), case-insensitively, after percent-decoding.
   */
  public static final List<String> DEFAULT_SECRET_PARAMS =
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

  /** The JSON names of user ids in raw payloads; hashed on the failed output. */
  private static final Set<String> ID_KEYS =
      Set.of("user_id", "anonymous_id", "userId", "anonymousId");

  // Numbers of a redacted payload keep their value: 1e400 stays a number, never "Infinity".
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");

  /** A candidate phone number; it counts when it holds 9 to 15 digits and stands alone. */
  private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d[\\d ().-]{6,20}\\d");

  /** A JSON Web Token, or the credential after {@code Bearer}. */
  private static final Pattern TOKEN =
      Pattern.compile(
          "eyJ[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]*"
              + "|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{8,}");

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private final boolean maskPii;
  private final List<String> secretParams;
  private final Set<String> keepProps;
  private final List<String> drop;
  private final List<String> hash;
  private final List<String> allow;
  private final String salt;

  /** Sees the length of every input given to a regular expression; for tests of the bound. */
  private transient IntConsumer regexInputs;

  /**
   * @param maskPii mask e-mail, phone, card numbers and tokens in text, and secrets in URLs
   * @param secretParams URL parameter names whose values are masked (see {@link
   *     #DEFAULT_SECRET_PARAMS})
   * @param keepProps names of free properties kept (masked) on the late and failed outputs; the
   *     others are dropped
   * @param drop context paths removed before output
   * @param hash context paths replaced by a salted SHA-256 (first 16 hex digits)
   * @param allow when not empty, allow-list mode: only these context paths are kept
   */
  public Redactor(
      boolean maskPii,
      List<String> secretParams,
      List<String> keepProps,
      List<String> drop,
      List<String> hash,
      List<String> allow,
      String salt) {
    this.maskPii = maskPii;
    this.secretParams = secretParams.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
    this.keepProps = Set.copyOf(keepProps);
    this.drop = List.copyOf(drop);
    this.hash = List.copyOf(hash);
    this.allow = List.copyOf(allow);
    this.salt = salt == null ? "" : salt;
  }

  /** The default secret parameters, no kept properties, and the given context rules. */
  public Redactor(
      boolean maskPii, List<String> drop, List<String> hash, List<String> allow, String salt) {
    this(maskPii, DEFAULT_SECRET_PARAMS, List.of(), drop, hash, allow, salt);
  }

  /** The defaults: masking on, nothing dropped or hashed, no allow-list. */
  public static Redactor defaults() {
    return new Redactor(true, List.of(), List.of(), List.of(), "");
  }

  /** Reports the length of every regular-expression input to {@code probe} (tests). */
  void probeRegexInputs(IntConsumer probe) {
    this.regexInputs = probe;
  }

  /** The longest input any regular expression sees for text cut at {@code maxString}. */
  public static int regexInputBound(int maxString) {
    return maxString + LOOKAHEAD;
  }

  /**
   * Free text cut at {@code maxString} characters (an ellipsis marks the cut) with PII masked. Only
   * the first {@code maxString + LOOKAHEAD} characters are ever read.
   */
  public String text(String s, int maxString) {
    if (s == null) {
      return null;
    }
    if (!maskPii) {
      return cut(s, maxString);
    }
    String window = s.substring(0, window(maxString, s));
    List<int[]> spans = spans(window);
    int limit = Math.min(window.length(), maxString);
    StringBuilder out = new StringBuilder(Math.min(limit + 16, window.length()));
    int pos = 0;
    for (int[] span : spans) {
      if (span[0] >= limit) {
        break;
      }
      out.append(window, pos, span[0]).append(TOKENS[span[2]]);
      pos = span[1];
    }
    if (pos < limit) {
      out.append(window, pos, limit);
    }
    return finish(out, s.length() > maxString, maxString);
  }

  /** A URL cut at {@code maxString} characters, with user info, secrets and PII masked. */
  public String url(String url, int maxString) {
    if (url == null) {
      return null;
    }
    if (!maskPii) {
      return cut(url, maxString);
    }
    boolean truncated = url.length() > regexInputBound(maxString);
    String w = truncated ? url.substring(0, window(maxString, url)) : url;
    List<Piece> pieces = new ArrayList<>();
    int pos = 0;
    Matcher scheme = matcher(SCHEME, w.length() > 40 ? w.substring(0, 40) : w);
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
    return finish(out, dropped, maxString);
  }

  /**
   * The redacted copy of an event for the late output: ids and types kept, user ids hashed, text
   * and URLs masked and cut, free properties kept only when listed in {@code keepProps} (masked),
   * unknown top-level fields dropped.
   */
  public Event event(Event e, int maxString) {
    Page p = e.page();
    Target t = e.target();
    Device d = e.device();
    FormField f = e.field();
    ErrorInfo r = e.error();
    Network n = e.network();
    return new Event(
        e.eventId(),
        e.sessionId(),
        e.type(),
        e.time(),
        e.ts(),
        e.sentAt(),
        e.receivedAt(),
        id(e.anonymousId()),
        id(e.userId()),
        p == null
            ? null
            : new Page(
                url(p.url(), maxString),
                url(p.path(), maxString),
                url(p.referrer(), maxString),
                text(p.title(), maxString),
                text(p.category(), maxString)),
        t == null
            ? null
            : new Target(
                text(t.selector(), maxString),
                text(t.tag(), maxString),
                text(t.text(), maxString),
                url(t.href(), maxString),
                text(t.role(), maxString),
                t.newTab(),
                t.download()),
        e.x(),
        e.y(),
        e.viewport(),
        d == null ? null : new Device(text(d.deviceClass(), maxString), text(d.ua(), maxString)),
        e.scroll(),
        f == null ? null : new FormField(text(f.id(), maxString), text(f.form(), maxString)),
        r == null ? null : new ErrorInfo(text(r.message(), maxString), text(r.kind(), maxString)),
        e.pointer(),
        n == null
            ? null
            : new Network(
                n.status(), text(n.method(), maxString), url(n.url(), maxString), n.durationMs()),
        text(e.how(), maxString),
        text(e.state(), maxString),
        text(e.modifiers(), maxString),
        props(e.props(), maxString),
        null,
        e.ingestedAtMicros());
  }

  /**
   * The redacted copy of a rejected record, for the failed output when raw payloads are not kept: a
   * JSON payload keeps its shape with every string masked and cut (user ids hashed, free properties
   * as for {@link #event}); any other payload is masked and cut as text. Reason and time stay;
   * field and detail are masked.
   */
  public FailedEvent failed(FailedEvent f, int maxString) {
    String raw = f.raw();
    String redacted;
    JsonNode tree = null;
    if (raw != null) {
      try {
        tree = JSON.readTree(raw);
      } catch (Exception notJson) {
        // Not JSON (or cut short when oversized): masked as text below.
      }
    }
    if (tree != null && tree.isContainerNode()) {
      redacted = tree(tree, maxString, 0).toString();
    } else {
      redacted = text(raw, maxString);
    }
    return new FailedEvent(
        redacted,
        f.reason(),
        text(f.field(), maxString),
        text(f.detail(), 4 * maxString),
        f.failedAt());
  }

  /** A salted SHA-256 of an identifier (16 hex digits), or null. */
  public String id(String value) {
    return value == null ? null : digest(value);
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

  private static final String[] TOKENS = {"[email]", "[card]", "[phone]", "[token]"};

  /**
   * Where PII lies in {@code s}: sorted, non-overlapping {start, end, token index} spans. The only
   * place regular expressions run on text.
   */
  private List<int[]> spans(String s) {
    if (regexInputs != null) {
      regexInputs.accept(s.length());
    }
    // One linear scan decides which patterns can match at all: most text has no '@', no long
    // digit run and no token, and then no pattern runs.
    int digits = 0;
    boolean at = false;
    boolean token = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '@') {
        at = true;
      } else if ((c == 'e' && s.startsWith("eyJ", i))
          || ((c == 'b' || c == 'B') && s.regionMatches(true, i, "bearer", 0, 6))) {
        token = true;
      }
    }
    boolean[] possible = {at, digits >= 13, digits >= 9, token};
    List<int[]> found = new ArrayList<>();
    Pattern[] patterns = {EMAIL, CARD, PHONE, TOKEN};
    for (int i = 0; i < patterns.length; i++) {
      if (!possible[i]) {
        continue;
      }
      Matcher m = patterns[i].matcher(s);
      int from = 0;
      while (from <= s.length() && m.find(from)) {
        int start = m.start();
        int end = m.end();
        if (patterns[i] == PHONE && !isPhone(s, start, end)) {
          from = start + 1;
          continue;
        }
        found.add(new int[] {start, end, i});
        from = end;
      }
    }
    found.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
    List<int[]> merged = new ArrayList<>();
    for (int[] span : found) {
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && span[0] < last[1]) {
        last[1] = Math.max(last[1], span[1]);
      } else {
        merged.add(span);
      }
    }
    return merged;
  }

  /** A phone candidate counts when it stands alone and holds 9 to 15 digits. */
  private static boolean isPhone(String s, int start, int end) {
    if (start > 0) {
      char before = s.charAt(start - 1);
      if (before == '+' || isWordChar(before)) {
        return false;
      }
    }
    if (end < s.length() && isWordChar(s.charAt(end))) {
      return false;
    }
    int digits = 0;
    for (int i = start; i < end; i++) {
      if (Character.isDigit(s.charAt(i))) {
        digits++;
      }
    }
    return digits >= 9 && digits <= 15;
  }

  private static boolean isWordChar(char c) {
    return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
  }

  private boolean hasPii(String s) {
    return !spans(s).isEmpty();
  }

  /** {@code s} with every PII span replaced by its token; {@code s} is already bounded. */
  private String maskAll(String s) {
    List<int[]> spans = spans(s);
    if (spans.isEmpty()) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    int pos = 0;
    for (int[] span : spans) {
      b.append(s, pos, span[0]).append(TOKENS[span[2]]);
      pos = span[1];
    }
    return b.append(s, pos, s.length()).toString();
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
      pieces.add(new Piece(i, end, hasPii(decoded) ? maskAll(decoded) : raw));
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
        text = hasPii(decode(p, true)) ? "[redacted]" : p;
      } else {
        String name = decode(p.substring(0, eq), true);
        String value = decode(p.substring(eq + 1), true);
        if (hasPii(name)) {
          text = "[redacted]";
        } else if (isSecret(name) || hasPii(value)) {
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

  /** A string of unknown meaning: as a URL when it looks like one, else as text. */
  private String value(String s, int maxString) {
    boolean urlLike =
        s.startsWith("/")
            || s.startsWith("?")
            || s.startsWith("#")
            || matcher(SCHEME, s.length() > 40 ? s.substring(0, 40) : s).find();
    return urlLike ? url(s, maxString) : text(s, maxString);
  }

  private Map<String, String> props(Map<String, String> props, int maxString) {
    if (props == null || keepProps.isEmpty()) {
      return null;
    }
    Map<String, String> kept = new TreeMap<>();
    for (Map.Entry<String, String> e : props.entrySet()) {
      if (!keepProps.contains(e.getKey()) || e.getValue() == null) {
        continue;
      }
      String v = e.getValue();
      JsonNode tree = null;
      if (v.startsWith("{") || v.startsWith("[")) {
        try {
          tree = JSON.readTree(v);
        } catch (Exception notJson) {
          // Text that starts like JSON: masked as text.
        }
      }
      kept.put(
          e.getKey(), tree != null ? tree(tree, maxString, 0).toString() : value(v, maxString));
    }
    return kept.isEmpty() ? null : kept;
  }

  /** A JSON tree with every string masked and cut, user ids hashed, free properties filtered. */
  private JsonNode tree(JsonNode node, int maxString, int depth) {
    if (node.isTextual()) {
      return JSON.getNodeFactory().textNode(value(node.textValue(), maxString));
    }
    if (node.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      node.forEach(x -> a.add(tree(x, maxString, depth + 1)));
      return a;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode o = JSON.createObjectNode();
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
    for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (depth == 0 && key.equals("props")) {
        if (v.isObject()) {
          ObjectNode kept = JSON.createObjectNode();
          v.fields()
              .forEachRemaining(
                  p -> {
                    if (keepProps.contains(p.getKey())) {
                      kept.set(p.getKey(), tree(p.getValue(), maxString, depth + 2));
                    }
                  });
          o.set(key, kept);
        }
        continue;
      }
      if (ID_KEYS.contains(key) && v.isTextual()) {
        o.put(key, id(v.textValue()));
        continue;
      }
      o.set(text(key, maxString), tree(v, maxString, depth + 1));
    }
    return o;
  }

  private Matcher matcher(Pattern p, String s) {
    if (regexInputs != null) {
      regexInputs.accept(s.length());
    }
    return p.matcher(s);
  }

  private static int window(int maxString, String s) {
    return Math.min(s.length(), regexInputBound(maxString));
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  private static String cut(String s, int maxString) {
    return s.length() <= maxString ? s : s.substring(0, maxString) + "…";
  }

  private static String finish(StringBuilder out, boolean cut, int maxString) {
    if (out.length() > maxString) {
      out.setLength(maxString);
      cut = true;
    }
    return cut ? out.append('…').toString() : out.toString();
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
