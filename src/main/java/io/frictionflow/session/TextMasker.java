package io.frictionflow.session;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Masks e-mail addresses, phone numbers, card-like digit runs and bearer tokens/JWTs in free text.
 *
 * <p>Cost is bounded per call: text is cut to {@code maxString + LOOKAHEAD} characters before any
 * regular expression sees it, and the expressions are RE2/J (linear time, no backtracking). What is
 * emitted comes from the first {@code maxString} characters only; the look-ahead makes sure that an
 * e-mail or number starting there is seen whole before it is masked. Every regular expression of
 * the redactor runs through {@link #matcher} or {@link #spans}, so a probe sees every input.
 */
final class TextMasker implements Serializable {
  /** Characters past the cut that matching still sees; longer PII items may be masked partly. */
  static final int LOOKAHEAD = 256;

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

  private static final String[] TOKENS = {"[email]", "[card]", "[phone]", "[token]"};

  private final boolean maskPii;

  /** Sees the length of every input given to a regular expression; for tests of the bound. */
  private transient IntConsumer regexInputs;

  /**
   * @param maskPii mask PII in text; when off, text is only cut
   */
  TextMasker(boolean maskPii) {
    this.maskPii = maskPii;
  }

  /** Whether PII is masked at all. */
  boolean maskPii() {
    return maskPii;
  }

  /** Reports the length of every regular-expression input to {@code probe} (tests). */
  void probeRegexInputs(IntConsumer probe) {
    this.regexInputs = probe;
  }

  /** The longest input any regular expression sees for text cut at {@code maxString}. */
  static int regexInputBound(int maxString) {
    return maxString + LOOKAHEAD;
  }

  /**
   * Free text cut at {@code maxString} characters (an ellipsis marks the cut) with PII masked. Only
   * the first {@code maxString + LOOKAHEAD} characters are ever read.
   */
  String text(String s, int maxString) {
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

  /** Whether {@code s} holds any PII; {@code s} is already bounded. */
  boolean hasPii(String s) {
    return !spans(s).isEmpty();
  }

  /** {@code s} with every PII span replaced by its token; {@code s} is already bounded. */
  String maskAll(String s) {
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

  /** A matcher of {@code p} on {@code s}, reported to the probe. */
  Matcher matcher(Pattern p, String s) {
    if (regexInputs != null) {
      regexInputs.accept(s.length());
    }
    return p.matcher(s);
  }

  /** Where text is cut before matching. */
  static int window(int maxString, String s) {
    return Math.min(s.length(), regexInputBound(maxString));
  }

  /** {@code s} cut at {@code maxString} characters, an ellipsis marking the cut. */
  static String cut(String s, int maxString) {
    return s.length() <= maxString ? s : s.substring(0, maxString) + "…";
  }

  /** {@code out} cut at {@code maxString}, with an ellipsis when anything was cut. */
  static String finish(StringBuilder out, boolean cut, int maxString) {
    if (out.length() > maxString) {
      out.setLength(maxString);
      cut = true;
    }
    return cut ? out.append('…').toString() : out.toString();
  }
}
