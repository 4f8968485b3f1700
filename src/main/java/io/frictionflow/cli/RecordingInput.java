package io.frictionflow.cli;

import io.frictionflow.event.DecodeException;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.event.format.RrwebRecording;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An rrweb recording file given to {@code run --format rrweb}, converted to canonical events before
 * the run ({@link RrwebRecording}), so that the node tree gives targets their tag, path and text. A
 * file of Kafka-wrapper records ({@code {session_id, event}} per line) is not a recording and is
 * decoded record by record instead.
 *
 * @param events the canonical events file (temporary; the caller deletes it)
 * @param failed the recording's events that could not be converted
 */
record RecordingInput(Path events, List<FailedEvent> failed) {

  /** Whether {@code file} holds a whole recording. */
  static boolean isRecording(Path file) throws IOException {
    byte[] head = new byte[4096];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return RrwebRecording.isRecording(new String(head, 0, n, StandardCharsets.UTF_8));
  }

  /**
   * Converts {@code file}; the session id is {@code sessionId}, else the name of {@code source} up
   * to its first dot.
   */
  static RecordingInput convert(Path file, String source, String sessionId) throws IOException {
    String session =
        sessionId != null && !sessionId.isBlank()
            ? sessionId
            : RrwebRecording.sessionIdOf(source.equals("-") ? "recording" : source);
    RrwebRecording.Conversion c;
    try {
      c = RrwebRecording.convert(Files.readString(file, StandardCharsets.UTF_8), session);
    } catch (DecodeException e) {
      throw new UsageException(
          "events file " + source + " is no rrweb recording: " + e.getMessage());
    }
    Path out = Files.createTempFile("frictionflow-rrweb", ".jsonl");
    Files.write(out, c.events(), StandardCharsets.UTF_8);
    return new RecordingInput(out, c.failed());
  }
}
