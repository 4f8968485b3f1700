package io.frictionflow.ingest;

import io.frictionflow.event.DecodeException;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.event.FailedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A raw record after decoding: exactly one of {@code event} and {@code failed} is set. Decoding
 * happens in the source (Kafka) or right after it (files), so that watermarks can be generated per
 * Kafka partition from the events' own time.
 *
 * @param arrivedAt when the record arrived (epoch ms; see {@link EventDecoder#arrival}): the
 *     watermark never passes it, whatever the event's time ({@link EagerWatermarks});
 *     Long.MAX_VALUE when unknown
 * @param record the record's text, kept only for a format decoded again with its session's state
 *     (rrweb: {@link RrwebTreeFunction}, which drops it); null otherwise
 */
public record Decoded(Event event, FailedEvent failed, long arrivedAt, String record) {

  /** A decoded record without a known arrival time. */
  public Decoded(Event event, FailedEvent failed) {
    this(event, failed, Long.MAX_VALUE);
  }

  /** A decoded record without its text. */
  public Decoded(Event event, FailedEvent failed, long arrivedAt) {
    this(event, failed, arrivedAt, null);
  }

  /** The same record with {@code e} as its event and without its text. */
  public Decoded withEvent(Event e) {
    return new Decoded(e, failed, arrivedAt, null);
  }

  /**
   * Decodes one record as received, the single decode entry point of every source (Kafka records
   * and file lines); never throws.
   *
   * @param arrivalMillis the Kafka record timestamp, or for files the wall clock at decoding
   */
  public static Decoded of(EventDecoder decoder, byte[] raw, long arrivalMillis) {
    return of(decoder, null, raw, arrivalMillis);
  }

  /**
   * As {@link #of(EventDecoder, byte[], long)}, for a Kafka record with its key (read by formats
   * that take the session id from it).
   */
  public static Decoded of(EventDecoder decoder, byte[] key, byte[] raw, long arrivalMillis) {
    Instant now = Instant.now();
    try {
      Event e =
          decoder.decodeRecord(
              key, raw, arrivalMillis, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
      return new Decoded(
          e,
          null,
          decoder.arrival(e, arrivalMillis),
          decoder.statefulFormat() ? new String(raw, StandardCharsets.UTF_8) : null);
    } catch (DecodeException e) {
      return new Decoded(
          null,
          new FailedEvent(
              decoder.rawText(raw),
              e.reason().label(),
              e.field(),
              e.getMessage(),
              now.toEpochMilli()),
          arrivalMillis);
    }
  }
}
