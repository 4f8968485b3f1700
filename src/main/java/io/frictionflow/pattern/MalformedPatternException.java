package io.frictionflow.pattern;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a catalog has author errors; carries all of them, not only the first. */
public final class MalformedPatternException extends RuntimeException {
  private final List<PatternError> errors;

  public MalformedPatternException(List<PatternError> errors) {
    super(
        errors.size()
            + (errors.size() == 1 ? " error" : " errors")
            + " in the pattern catalog:\n  "
            + errors.stream().map(PatternError::toString).collect(Collectors.joining("\n  ")));
    this.errors = List.copyOf(errors);
  }

  public List<PatternError> errors() {
    return errors;
  }
}
