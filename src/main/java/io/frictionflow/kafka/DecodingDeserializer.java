package io.frictionflow.kafka;

import io.frictionflow.event.EventDecoder;
import io.frictionflow.job.Decoded;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes event records inside the Kafka source, so that watermarks are generated per partition
 * from the events' own time. A record that is not valid UTF-8 or not a valid event becomes a
 * rejected {@link Decoded}; nothing is dropped and the source never fails on bad input.
 */
public final class DecodingDeserializer implements KafkaRecordDeserializationSchema<Decoded> {
  private final int maxBytes;
  private transient EventDecoder decoder;

  public DecodingDeserializer(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    decoder = new EventDecoder(maxBytes);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded> out) {
    if (decoder == null) {
      decoder = new EventDecoder(maxBytes);
    }
    out.collect(Decoded.of(decoder, text(record.value())));
  }

  /** Strict UTF-8: malformed bytes are replaced, so the decoder rejects the record as not JSON. */
  private static String text(byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(value, StandardCharsets.ISO_8859_1);
    }
  }

  @Override
  public TypeInformation<Decoded> getProducedType() {
    return TypeInformation.of(Decoded.class);
  }
}
