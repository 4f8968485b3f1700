package io.frictionflow.explain;

import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of a file as the job decodes them, one record a line ({@link
 * EventDecoder#decodeRecord}, arrival at the wall clock as for a file run), with the lines that
 * failed and why.
 *
 * @param failures {@code line N: reason} for each line the decoder rejected
 */
public record ExplainInput(List<Event> events, List<String> failures) {

  /**
   * Reads {@code file} in the format of {@code settings}.
   *
   * @throws IllegalArgumentException for a format whose events depend on earlier records (rrweb
   *     event streams), which only the job can map
   */
  public static ExplainInput read(Path file, DecoderSettings settings) throws IOException {
    EventDecoder decoder = new EventDecoder(settings);
    if (decoder.statefulFormat()) {
      throw new IllegalArgumentException(
          "explain cannot map an rrweb event stream line by line; give a recording file or"
              + " canonical events");
    }
    List<Event> events = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        long now = System.currentTimeMillis();
        try {
          events.add(decoder.decodeRecord(line.getBytes(StandardCharsets.UTF_8), now, now * 1000));
        } catch (DecodeException e) {
          failures.add("line " + n + ": " + e.getMessage());
        }
      }
    }
    return new ExplainInput(events, failures);
  }
}
