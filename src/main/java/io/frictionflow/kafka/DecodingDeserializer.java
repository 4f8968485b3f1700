package io.frictionflow.kafka;

import io.frictionflow.event.EventDecoder;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.event.FailureReason;
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
    byte[] value = record.value();
    String text;
    try {
      text =
          value == null
              ? null
              : StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(value))
                  .toString();
    } catch (CharacterCodingException e) {
      // Kept byte for byte (as ISO-8859-1) so the raw payload can be recovered.
      out.collect(
          new Decoded(
              null,
              new FailedEvent(
                  new String(value, StandardCharsets.ISO_8859_1),
                  FailureReason.NOT_JSON.label(),
                  "",
                  "record is not valid UTF-8",
                  System.currentTimeMillis())));
      return;
    }
    out.collect(Decoded.of(decoder, text));
  }

  @Override
  public TypeInformation<Decoded> getProducedType() {
    return TypeInformation.of(Decoded.class);
  }
}
