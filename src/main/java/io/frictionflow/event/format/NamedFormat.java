package io.frictionflow.event.format;

import io.frictionflow.event.DecoderSettings.InputFormat;
import java.util.Map;

/** A {@link FormatDecoder} with its format and its names of the canonical fields given once. */
abstract class NamedFormat implements FormatDecoder {
  private final InputFormat format;
  private final Map<String, String> sourceFields;

  NamedFormat(InputFormat format, Map<String, String> sourceFields) {
    this.format = format;
    this.sourceFields = Map.copyOf(sourceFields);
  }

  @Override
  public final InputFormat format() {
    return format;
  }

  @Override
  public final Map<String, String> sourceFields() {
    return sourceFields;
  }
}
