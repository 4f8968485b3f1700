package io.frictionflow.kafka;

import io.frictionflow.pattern.PatternUpdate;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the patterns topic: key the pattern id, value the pattern file's text, a tombstone (null
 * value) its removal. A record without a key still reaches the detector, which rejects it on the
 * status topic: nothing is dropped silently.
 */
final class PatternUpdateDeserializer implements KafkaRecordDeserializationSchema<PatternUpdate> {
  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PatternUpdate> out) {
    String id = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    String text =
        record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    out.collect(new PatternUpdate(id, text));
  }

  @Override
  public TypeInformation<PatternUpdate> getProducedType() {
    return TypeInformation.of(PatternUpdate.class);
  }
}
