package io.frictionflow.config;

/** A configuration key is unknown or its value is bad; the message names the key. */
public final class InvalidConfigException extends RuntimeException {
  private final String key;

  public InvalidConfigException(String key, String reason) {
    super("config " + key + ": " + reason);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
