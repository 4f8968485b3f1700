package io.frictionflow.job;

import io.frictionflow.event.DecodeException;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.event.FailedEvent;
import java.time.Instant;

/**
 * A raw record after decoding: exactly one of {@code event} and {@code failed} is set. Decoding
 * happens in the source (Kafka) or right after it (files), so that watermarks can be generated per
 * Kafka partition from the events' own time.
 */
public record Decoded(Event event, FailedEvent failed) {

  /** Decodes {@code raw}; never throws. */
  public static Decoded of(EventDecoder decoder, String raw) {
    Instant now = Instant.now();
    try {
      return new Decoded(
          decoder.decode(raw, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000), null);
    } catch (DecodeException e) {
      return new Decoded(
          null,
          new FailedEvent(raw, e.reason().label(), e.field(), e.getMessage(), now.toEpochMilli()));
    }
  }
}
