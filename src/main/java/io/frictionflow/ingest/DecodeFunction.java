package io.frictionflow.ingest;

import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.EventDecoder;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Decodes raw lines of a file source, as bytes, through the same entry point as the Kafka source
 * ({@link Decoded#of}). A file has no record time, so the arrival is the wall clock at decoding: a
 * file of history lies in the past, and an event dated ahead of now is ahead of its arrival.
 * Stateless.
 */
public final class DecodeFunction extends RichMapFunction<byte[], Decoded> {
  private final DecoderSettings settings;
  private transient EventDecoder decoder;

  public DecodeFunction(DecoderSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    decoder = new EventDecoder(settings);
  }

  @Override
  public Decoded map(byte[] raw) {
    return Decoded.of(decoder, raw, System.currentTimeMillis());
  }
}
