package io.frictionflow.event;

import java.util.Random;

/** Random damage to a JSON record: cuts, flips, inserts, type swaps. For robustness tests. */
public final class Mangler {
  private static final String[] JUNK = {
    "\"",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "null",
    "true",
    "-1e999",
    "\\u0000",
    "\"ts\":\"x\"",
    "\"session_id\":7",
    "💥",
    "\\",
    "9999999999999999999999"
  };

  private Mangler() {}

  public static String mangle(String valid, Random random) {
    StringBuilder b = new StringBuilder(valid);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && b.length() > 0; i++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(5)) {
        case 0 -> b.setLength(at);
        case 1 -> b.deleteCharAt(at);
        case 2 -> b.insert(at, JUNK[random.nextInt(JUNK.length)]);
        case 3 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
        default -> {
          // leave this edit out: some records stay valid
        }
      }
    }
    // Edits can split a surrogate pair; round-trip through UTF-8 so the record stays writable.
    return new String(
        b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
