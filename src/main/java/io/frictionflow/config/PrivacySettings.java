package io.frictionflow.config;

import java.io.Serializable;
import java.util.List;

/**
 * The privacy options ({@code frictionflow.privacy.*}) as plain values; the job builds its redactor
 * from them (see docs/privacy.md).
 *
 * @param maskPii mask e-mail, phone, card numbers and tokens in text, and secrets in URLs
 * @param secretParams URL parameter names whose values are masked
 * @param keepProps free properties kept (masked) on the late and failed outputs
 * @param drop context paths removed before output
 * @param hash context paths replaced by a salted hash
 * @param allow when not empty, only these context paths are kept
 * @param hashSalt the salt of the hashed paths and ids
 */
public record PrivacySettings(
    boolean maskPii,
    List<String> secretParams,
    List<String> keepProps,
    List<String> drop,
    List<String> hash,
    List<String> allow,
    String hashSalt)
    implements Serializable {

  static PrivacySettings from(OptionReader r) {
    return new PrivacySettings(
        r.get(JobOptions.PRIVACY_MASK_PII),
        OptionReader.list(r.get(JobOptions.PRIVACY_SECRET_PARAMS)),
        OptionReader.list(r.get(JobOptions.PRIVACY_KEEP_PROPS)),
        OptionReader.list(r.get(JobOptions.PRIVACY_DROP)),
        OptionReader.list(r.get(JobOptions.PRIVACY_HASH)),
        OptionReader.list(r.get(JobOptions.PRIVACY_ALLOW)),
        r.get(JobOptions.PRIVACY_HASH_SALT));
  }
}
