package io.frictionflow.event.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.event.StrictJson;
import java.util.Map;

/**
 * Maps one record of a tracker's format onto the canonical event's JSON, which the canonical
 * decoder then reads. Pure and stateless: one record in, one event out, or a {@link
 * DecodeException} that names the field by the format's own name.
 */
public interface FormatDecoder {
  /** The format this decoder reads. */
  InputFormat format();

  /**
   * The canonical event's JSON for one record.
   *
   * @param text the record, already checked to be valid UTF-8 under the size limit
   * @param json the strict JSON reader (one object, no duplicate keys, bounded depth)
   */
  ObjectNode toCanonical(String text, StrictJson json) throws DecodeException;

  /**
   * The canonical event's JSON for one Kafka record with its key. Only rrweb reads the key (a bare
   * rrweb event keyed by its session id); the other formats carry the session in the record.
   *
   * @param key the record key as text, or null
   */
  default ObjectNode toCanonical(String text, StrictJson json, String key) throws DecodeException {
    return toCanonical(text, json);
  }

  /**
   * The format's name for a canonical field, so that an error the canonical decoder finds in a
   * mapped value (the skew-corrected time, the time bound) names what the user sent.
   */
  default String sourceField(String canonicalField) {
    return sourceFields().getOrDefault(canonicalField, canonicalField);
  }

  /** The format's names of the canonical fields it renames, by canonical name. */
  Map<String, String> sourceFields();

  /** The decoder for {@code settings}' format, or null for the canonical format. */
  static FormatDecoder of(DecoderSettings settings) {
    return switch (settings.format()) {
      case CANONICAL -> null;
      case POSTHOG -> new PostHogDecoder();
      case SEGMENT -> new SegmentDecoder();
      case SNOWPLOW -> new SnowplowDecoder();
      case RRWEB -> new RrwebDecoder(settings.maxBytes(), settings.maxSnapshotBytes());
    };
  }
}
