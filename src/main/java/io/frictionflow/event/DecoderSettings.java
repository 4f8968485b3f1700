package io.frictionflow.event;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the decoder accepts: the input format, the largest record, and how far an event's time may
 * run ahead of when the record arrived.
 *
 * @param maxBytes records larger than this many bytes are rejected as oversized
 * @param maxFuture how far the event time may lie ahead of the arrival time; beyond it the record
 *     is rejected with {@link FailureReason#FUTURE_TIME}
 * @param trustReceivedAt whether {@code received_at}, when earlier, is the arrival time: true only
 *     when a collector, not the client, sets it; otherwise the arrival is the Kafka record
 *     timestamp or, for files, the wall clock at decoding
 * @param format what each record is written in; every format maps onto the canonical event
 * @param maxSnapshotBytes for rrweb, the largest record that carries the DOM (a FullSnapshot or a
 *     Mutation), which may exceed {@code maxBytes} ({@code frictionflow.rrweb.max-snapshot-bytes})
 */
public record DecoderSettings(
    int maxBytes,
    Duration maxFuture,
    boolean trustReceivedAt,
    InputFormat format,
    int maxSnapshotBytes)
    implements Serializable {

  /** The default {@code maxSnapshotBytes}: 4 MiB. */
  public static final int DEFAULT_MAX_SNAPSHOT_BYTES = 4 * 1024 * 1024;

  /** The canonical format with the given limits. */
  public DecoderSettings(int maxBytes, Duration maxFuture, boolean trustReceivedAt) {
    this(maxBytes, maxFuture, trustReceivedAt, InputFormat.CANONICAL);
  }

  /** The given format with the default snapshot limit. */
  public DecoderSettings(
      int maxBytes, Duration maxFuture, boolean trustReceivedAt, InputFormat format) {
    this(maxBytes, maxFuture, trustReceivedAt, format, DEFAULT_MAX_SNAPSHOT_BYTES);
  }

  /**
   * The largest record read at all: {@code maxBytes}, or for rrweb the larger of it and {@code
   * maxSnapshotBytes} (only DOM records may pass {@code maxBytes}).
   */
  public int maxRecordBytes() {
    return format == InputFormat.RRWEB ? Math.max(maxBytes, maxSnapshotBytes) : maxBytes;
  }

  /** The job's defaults for a given size limit. */
  public static DecoderSettings of(int maxBytes) {
    return new DecoderSettings(maxBytes, Duration.ofSeconds(5), false);
  }

  /** The same settings reading records of {@code f}. */
  public DecoderSettings withFormat(InputFormat f) {
    return new DecoderSettings(maxBytes, maxFuture, trustReceivedAt, f, maxSnapshotBytes);
  }

  /** The record formats the decoder reads ({@code frictionflow.input.format}). */
  public enum InputFormat {
    /** The job's own JSON event ({@code docs/events.md}). */
    CANONICAL,
    /** PostHog capture events. */
    POSTHOG,
    /** Segment spec messages (track, page, identify). */
    SEGMENT,
    /** Snowplow enriched events, TSV or JSON. */
    SNOWPLOW,
    /** rrweb recording events, one per record in a {@code {session_id, event}} wrapper. */
    RRWEB;

    /** The name users write. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format named {@code name} (any case).
     *
     * @throws IllegalArgumentException naming the known formats
     */
    public static InputFormat parse(String name) {
      for (InputFormat f : values()) {
        if (f.label().equalsIgnoreCase(name == null ? "" : name.trim())) {
          return f;
        }
      }
      throw new IllegalArgumentException(
          "unknown input format '"
              + name
              + "' (known: "
              + Arrays.stream(values()).map(InputFormat::label).collect(Collectors.joining(", "))
              + ")");
    }
  }
}
