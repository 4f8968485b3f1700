package io.frictionflow.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes accepted batches to the events topic: one JSON line per record, keyed by session id, with
 * an idempotent producer ({@code acks=all}), and returns only once Kafka acknowledged every event
 * of the batch or the send timeout passed.
 */
public final class EventWriter implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final Duration timeout;

  /** Kafka did not acknowledge the batch in time; some of its events may be written. */
  public static final class UnavailableException extends Exception {
    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public EventWriter(
      String bootstrapServers, Map<String, String> properties, String topic, Duration timeout) {
    this.topic = topic;
    this.timeout = timeout;
    Properties p = new Properties();
    p.putAll(properties);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    long ms = timeout.toMillis();
    long linger = Long.parseLong(p.getProperty(ProducerConfig.LINGER_MS_CONFIG));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ms));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ms));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1, ms - linger - 1)));
    producer = new KafkaProducer<>(p);
  }

  /** Sends every line of {@code batch} and waits for all acknowledgements. */
  public void write(EventBatch batch) throws UnavailableException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Future<RecordMetadata>> sent = new ArrayList<>(batch.lines().size());
    try {
      for (String line : batch.lines()) {
        sent.add(producer.send(new ProducerRecord<>(topic, batch.sessionId(), line)));
      }
      for (Future<RecordMetadata> f : sent) {
        long left = Math.max(0, deadline - System.nanoTime()) + 1_000_000_000L;
        f.get(left, TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      throw new UnavailableException("Kafka did not take the batch: " + e.getCause(), e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw new UnavailableException("Kafka did not take the batch: " + e, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
