package io.frictionflow.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes one JSON value per record to a topic, keyed by session id so that a consumer sees one
 * session's records in order.
 */
final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
  /** Extracts a part of a record; serializable so the sink can ship it. */
  interface Part<T> extends Function {
    String of(T value);
  }

  private final String topic;
  private final Part<T> key;
  private final Part<T> json;

  JsonRecordSerializer(String topic, Part<T> key, Part<T> json) {
    this.topic = topic;
    this.key = key;
    this.json = json;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    String k = key.of(element);
    String value = json.of(element);
    // No explicit timestamp: the record gets its send time, so consumers can measure latency.
    return new ProducerRecord<>(
        topic,
        null,
        null,
        k == null ? null : k.getBytes(StandardCharsets.UTF_8),
        // A null value is a tombstone: compaction then removes the key.
        value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }
}
