package io.frictionflow.signal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic signal ids: the same match always gets the same id. */
public final class SignalIds {
  private SignalIds() {}

  /**
   * SHA-256 over the identifying parts, separated by a byte that cannot occur in UTF-8 text, cut to
   * 128 bits and printed as 32 hex digits.
   */
  public static String of(
      String patternId, int patternVersion, String sessionId, String firstEventId, String lastId) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    for (String part :
        new String[] {
          patternId, Integer.toString(patternVersion), sessionId, firstEventId, lastId
        }) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0xff);
    }
    byte[] digest = sha.digest();
    return HexFormat.of().formatHex(digest, 0, 16);
  }
}
