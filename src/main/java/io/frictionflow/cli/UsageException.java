package io.frictionflow.cli;

/** A bad argument or unreadable file: printed as one line, exit code 2. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
