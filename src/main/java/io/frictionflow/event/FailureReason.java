package io.frictionflow.event;

/** Why a record was rejected; the lower-case name is what outputs and metrics carry. */
public enum FailureReason {
  /** The payload is not a JSON object. */
  NOT_JSON,
  /** The payload exceeds the size limit. */
  OVERSIZED,
  /** A required field is absent or empty. */
  MISSING_FIELD,
  /** A field has the wrong JSON type. */
  WRONG_TYPE,
  /** A timestamp cannot be parsed. */
  BAD_TIMESTAMP,
  /** A timestamp parses but lies outside the plausible range. */
  ABSURD_TIMESTAMP;

  /** The name used in outputs and metric names. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
