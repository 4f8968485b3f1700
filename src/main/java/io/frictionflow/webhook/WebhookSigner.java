package io.frictionflow.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests the Standard Webhooks way: {@code webhook-signature: v1,<base64
 * HMAC-SHA256 over "id.timestamp.body">}, with the secret in the {@code whsec_<base64>} form.
 */
public final class WebhookSigner {
  /** Prefix of secrets in the Standard Webhooks form. */
  public static final String SECRET_PREFIX = "whsec_";

  private final byte[] key;

  /**
   * @param secret {@code whsec_} followed by the base64 key
   * @throws IllegalArgumentException when the secret is not in that form
   */
  public WebhookSigner(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a signing secret starts with " + SECRET_PREFIX);
    }
    try {
      this.key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the signing secret after whsec_ is not base64", e);
    }
    if (key.length < 16) {
      throw new IllegalArgumentException("the signing secret is shorter than 16 bytes");
    }
  }

  /** The value of the {@code webhook-signature} header. */
  public String sign(String id, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] sig =
          mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(sig);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every JVM", e);
    }
  }
}
