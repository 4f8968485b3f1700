package io.frictionflow.session;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Replaces identifiers by a salted SHA-256, cut to its first 16 hex digits. */
final class IdHasher implements Serializable {
  private final String salt;

  /**
   * @param salt prefixed to every value before hashing; null means none
   */
  IdHasher(String salt) {
    this.salt = salt == null ? "" : salt;
  }

  /** A salted SHA-256 of an identifier (16 hex digits), or null. */
  String id(String value) {
    return value == null ? null : digest(value);
  }

  /** The hash of a non-null value. */
  String digest(String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest((salt + value).getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
