package io.frictionflow.event;

/** Thrown by the decoder for a record it rejects; carries the reason and the field path. */
public final class DecodeException extends Exception {
  private final FailureReason reason;
  private final String field;

  public DecodeException(FailureReason reason, String field, String message) {
    super(message);
    this.reason = reason;
    this.field = field;
  }

  public FailureReason reason() {
    return reason;
  }

  public String field() {
    return field;
  }
}
