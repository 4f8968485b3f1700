package io.frictionflow.kafka;

import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.ingest.Decoded;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes event records inside the Kafka source, so that watermarks are generated per partition
 * from the events' own time, through the same entry point as files ({@link Decoded#of}). The
 * arrival an event's time is bounded by is the record timestamp (set by the producer, the
 * collector, or the broker with {@code LogAppendTime}), never the client's JSON. A record that is
 * not a valid event becomes a rejected {@link Decoded}; nothing is dropped and the source never
 * fails on bad input.
 */
public final class DecodingDeserializer implements KafkaRecordDeserializationSchema<Decoded> {
  private final DecoderSettings settings;
  private transient EventDecoder decoder;

  public DecodingDeserializer(DecoderSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    decoder = new EventDecoder(settings);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded> out) {
    if (decoder == null) {
      decoder = new EventDecoder(settings);
    }
    // A record without a timestamp (-1, older message formats) arrives now.
    long arrival = record.timestamp() >= 0 ? record.timestamp() : System.currentTimeMillis();
    out.collect(Decoded.of(decoder, record.key(), record.value(), arrival));
  }

  @Override
  public TypeInformation<Decoded> getProducedType() {
    return TypeInformation.of(Decoded.class);
  }
}
