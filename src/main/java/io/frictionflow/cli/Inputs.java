package io.frictionflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Turns an events argument into a file the job's file source can read. */
final class Inputs {
  private Inputs() {}

  /**
   * The file itself, or a temporary copy of standard input for {@code -}.
   *
   * @throws UsageException when the file cannot be read
   */
  static Path eventsFile(String events) throws IOException {
    if (events.equals("-")) {
      return copy(System.in);
    }
    Path p = Path.of(events);
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new UsageException("cannot read events file " + events);
    }
    return p;
  }

  /** A temporary file holding {@code in}; the caller deletes it. */
  static Path copy(InputStream in) throws IOException {
    Path tmp = Files.createTempFile("frictionflow-events", ".jsonl");
    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    return tmp;
  }
}
