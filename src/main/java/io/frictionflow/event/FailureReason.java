package io.frictionflow.event;

/** Why a record was rejected; the lower-case name is what outputs and metrics carry. */
public enum FailureReason {
  /**
   * The payload is not a JSON object: not valid UTF-8, not JSON, trailing bytes, or not an object.
   */
  NOT_JSON,
  /** The payload exceeds the size limit. */
  OVERSIZED,
  /** The JSON nests deeper than the decoder allows. */
  TOO_DEEP,
  /** A required field is absent or empty. */
  MISSING_FIELD,
  /** A field has the wrong JSON type. */
  WRONG_TYPE,
  /** A number is outside what its field can hold (e.g. {@code 1e400}, an int beyond 32 bits). */
  OUT_OF_RANGE,
  /** A timestamp cannot be parsed. */
  BAD_TIMESTAMP,
  /** A timestamp parses but lies outside the plausible range. */
  ABSURD_TIMESTAMP,
  /** The event time lies further ahead of the record's arrival than the job allows. */
  FUTURE_TIME;

  /** The name used in outputs and metric names. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
