package io.frictionflow.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session ids and their tokens. The gateway issues every session id (128 random bits, base64url),
 * so a visitor cannot choose another visitor's; the token is HMAC-SHA256(secret, session id) in
 * base64url, so any gateway instance with the same secret checks it without shared state.
 */
public final class SessionTokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public SessionTokens(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** A new random session id: 22 url-safe characters. */
  public String newSessionId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return B64.encodeToString(b);
  }

  /** The token of {@code sessionId}. */
  public String token(String sessionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return B64.encodeToString(mac.doFinal(sessionId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Whether {@code token} is the token of {@code sessionId} (constant-time comparison). */
  public boolean valid(String sessionId, String token) {
    if (sessionId == null || token == null || sessionId.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        token(sessionId).getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII));
  }
}
