package io.frictionflow.score;

/** A model file is unreadable or inconsistent; the message names the file and the field. */
public final class InvalidModelException extends RuntimeException {
  public InvalidModelException(String message) {
    super(message);
  }
}
