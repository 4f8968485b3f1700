package io.frictionflow.pattern;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles the regular expressions of pattern files with RE2/J, which matches in time linear in the
 * input: no pattern file can make matching backtrack ({@code (.*a){12}$} hung {@code
 * java.util.regex}). RE2 cannot express backreferences, lookaround, atomic groups or possessive
 * quantifiers; those are rejected with a reason that names the RE2 syntax. RE2/J itself has no
 * limit on the program a regex expands to ({@code ((a{100}){100}){100}} compiles to a million
 * instructions, and a few more levels exhaust the heap), so the size is estimated and capped here
 * before RE2/J sees the expression.
 */
final class Regexes {
  /** Where the supported syntax is described. */
  static final String SYNTAX = "RE2 syntax, https://github.com/google/re2/wiki/Syntax";

  private Regexes() {}

  /**
   * Compiles {@code regex}.
   *
   * @throws IllegalArgumentException saying what is wrong and that RE2 syntax is used
   */
  static Pattern compile(String regex) {
    if (regex.length() > PatternLimits.MAX_REGEX_LENGTH) {
      throw new IllegalArgumentException(
          "the regular expression is "
              + regex.length()
              + " characters long; the limit is "
              + PatternLimits.MAX_REGEX_LENGTH);
    }
    long size = expandedSize(regex);
    if (size > PatternLimits.MAX_REGEX_SIZE) {
      throw new IllegalArgumentException(
          "the regular expression expands to about "
              + (size >= SATURATED ? "more than " + SATURATED : String.valueOf(size))
              + " steps once its repetitions are unrolled; the limit is "
              + PatternLimits.MAX_REGEX_SIZE
              + " (use fewer or smaller {n,m} counts)");
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "not a valid regular expression: "
              + e.getDescription()
              + " `"
              + e.getPattern()
              + "`"
              + unsupported(e)
              + " ("
              + SYNTAX
              + ")");
    }
  }

  /** Names the Perl or Java construct behind an RE2 parse error, when it is one. */
  private static String unsupported(PatternSyntaxException e) {
    String what = e.getPattern();
    if (what.matches("\\\\[1-9k].*")) {
      return ": backreferences are not supported";
    }
    if (what.startsWith("(?=") || what.startsWith("(?!")) {
      return ": lookahead is not supported";
    }
    if (what.startsWith("(?<=") || what.startsWith("(?<!")) {
      return ": lookbehind is not supported";
    }
    if (what.startsWith("(?>")) {
      return ": atomic groups are not supported";
    }
    if (e.getDescription().contains("nested repetition") && what.endsWith("+")) {
      return ": possessive quantifiers (*+, ++, ?+, {n}+) are not supported";
    }
    if (e.getDescription().contains("repeat count")) {
      return ": a repeat count is at most 1000";
    }
    return "";
  }

  private static final long SATURATED = 1_000_000_000L;

  /**
   * An upper estimate of the instructions RE2 compiles {@code regex} to: one per literal, class,
   * escape or anchor, plus one per operator, with {@code x{n,m}} counted as m copies of x and
   * {@code x{n,}} as n + 1. It reads the syntax loosely (an invalid regex is RE2/J's to report); it
   * only has to not underestimate what RE2 would unroll.
   */
  static long expandedSize(String re) {
    java.util.ArrayDeque<long[]> groups = new java.util.ArrayDeque<>(); // {alternatives, seq}
    long alternatives = 0;
    long seq = 0;
    long last = 0;
    int n = re.length();
    for (int i = 0; i < n; i++) {
      char c = re.charAt(i);
      long atom = 1;
      switch (c) {
        case '\\' -> {
          if (i + 1 < n && re.charAt(i + 1) == 'Q') {
            int end = re.indexOf("\\E", i + 2);
            int stop = end < 0 ? n : end;
            atom = Math.max(1, stop - (i + 2));
            i = end < 0 ? n : end + 1;
          } else if (i + 2 < n && "pPx".indexOf(re.charAt(i + 1)) >= 0 && re.charAt(i + 2) == '{') {
            int end = re.indexOf('}', i + 3);
            i = end < 0 ? n : end;
          } else {
            i++;
          }
        }
        case '[' -> i = classEnd(re, i);
        case '(' -> {
          if (i + 1 < n && re.charAt(i + 1) == '?') {
            int k = i + 2;
            while (k < n && ":)>".indexOf(re.charAt(k)) < 0) {
              k++;
            }
            if (k < n && re.charAt(k) == ')') {
              i = k; // a flag group such as (?i): no content
              continue;
            }
            i = k;
          }
          groups.push(new long[] {alternatives, seq});
          alternatives = 0;
          seq = 0;
          last = 0;
          continue;
        }
        case ')' -> {
          atom = alternatives + seq;
          if (!groups.isEmpty()) {
            long[] outer = groups.pop();
            alternatives = outer[0];
            seq = outer[1];
          }
        }
        case '|' -> {
          alternatives = add(alternatives, add(seq, 1));
          seq = 0;
          last = 0;
          continue;
        }
        case '*', '+', '?' -> {
          seq = add(seq, 1);
          last = add(last, 1);
          continue;
        }
        case '{' -> {
          int close = re.indexOf('}', i);
          long factor = close < 0 ? -1 : repeatFactor(re.substring(i + 1, close));
          if (factor >= 0) {
            long grown = mul(last, factor);
            seq = add(seq - last, grown);
            last = grown;
            i = close;
            continue;
          }
        }
        default -> {}
      }
      seq = add(seq, atom);
      last = atom;
    }
    long total = add(alternatives, seq);
    while (!groups.isEmpty()) {
      long[] outer = groups.pop();
      total = add(add(outer[0], outer[1]), total);
    }
    return total;
  }

  /** The copies {@code {n}}, {@code {n,}} or {@code {n,m}} unroll to, or -1 when not a repeat. */
  private static long repeatFactor(String body) {
    if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
      return -1;
    }
    int comma = body.indexOf(',');
    if (comma < 0) {
      return Long.parseLong(body);
    }
    String max = body.substring(comma + 1);
    return max.isEmpty() ? Long.parseLong(body.substring(0, comma)) + 1 : Long.parseLong(max);
  }

  /** The index of the {@code ]} that closes the class opened at {@code start}. */
  private static int classEnd(String re, int start) {
    int j = start + 1;
    int n = re.length();
    if (j < n && re.charAt(j) == '^') {
      j++;
    }
    if (j < n && re.charAt(j) == ']') {
      j++;
    }
    while (j < n) {
      char c = re.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == '[' && j + 1 < n && re.charAt(j + 1) == ':') {
        int end = re.indexOf(":]", j + 2);
        j = end < 0 ? j + 1 : end + 2;
      } else if (c == ']') {
        return j;
      } else {
        j++;
      }
    }
    return n;
  }

  private static long add(long a, long b) {
    return Math.min(SATURATED, a + b);
  }

  private static long mul(long a, long b) {
    return a == 0 || b == 0 ? 0 : (a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b));
  }
}
