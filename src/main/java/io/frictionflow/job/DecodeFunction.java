package io.frictionflow.job;

import io.frictionflow.event.EventDecoder;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Decodes raw lines from a file source. Stateless. */
public final class DecodeFunction extends RichMapFunction<String, Decoded> {
  private final int maxBytes;
  private transient EventDecoder decoder;

  public DecodeFunction(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void open(OpenContext openContext) {
    decoder = new EventDecoder(maxBytes);
  }

  @Override
  public Decoded map(String raw) {
    return Decoded.of(decoder, raw);
  }
}
