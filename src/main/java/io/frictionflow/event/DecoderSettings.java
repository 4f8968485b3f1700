package io.frictionflow.event;

import java.io.Serializable;
import java.time.Duration;

/**
 * What the decoder accepts: the largest record, and how far an event's time may run ahead of when
 * the record arrived.
 *
 * @param maxBytes records larger than this many bytes are rejected as oversized
 * @param maxFuture how far the event time may lie ahead of the arrival time; beyond it the record
 *     is rejected with {@link FailureReason#FUTURE_TIME}
 * @param trustReceivedAt whether {@code received_at}, when earlier, is the arrival time: true only
 *     when a collector, not the client, sets it; otherwise the arrival is the Kafka record
 *     timestamp or, for files, the wall clock at decoding
 */
public record DecoderSettings(int maxBytes, Duration maxFuture, boolean trustReceivedAt)
    implements Serializable {
  /** The job's defaults for a given size limit. */
  public static DecoderSettings of(int maxBytes) {
    return new DecoderSettings(maxBytes, Duration.ofSeconds(5), false);
  }
}
