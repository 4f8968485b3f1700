package io.frictionflow.session;

import java.io.Serializable;
import java.util.List;

/**
 * What the {@link Redactor} masks, drops and hashes: the {@code frictionflow.privacy.*} options as
 * plain values (see docs/privacy.md).
 *
 * @param maskPii mask e-mail, phone, card numbers and tokens in text, and secrets in URLs
 * @param secretParams URL parameter names whose values are masked
 * @param keepProps free properties kept (masked) on the late and failed outputs
 * @param drop context paths removed before output
 * @param hash context paths replaced by a salted hash
 * @param allow when not empty, only these context paths are kept
 * @param hashSalt the salt of the hashed paths and ids
 */
public record PrivacyOptions(
    boolean maskPii,
    List<String> secretParams,
    List<String> keepProps,
    List<String> drop,
    List<String> hash,
    List<String> allow,
    String hashSalt)
    implements Serializable {}
