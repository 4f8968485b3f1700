package io.frictionflow.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic on its own thread, with no consumer group: each gateway
 * instance sees the whole topic. Starts at the beginning or at a time; waits for the topic to
 * exist; tells when it has read up to the end offsets it found at start ({@link #caughtUp}).
 */
final class TopicReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

  /** What a reader does with each record; called on the reader's thread only. */
  interface Sink {
    void record(String key, String value, long timestamp);
  }

  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration lookBack; // null: from the beginning
  private final Sink sink;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile boolean caughtUp;

  TopicReader(
      String bootstrapServers,
      Map<String, String> properties,
      String topic,
      Duration lookBack,
      Sink sink) {
    this.topic = topic;
    this.lookBack = lookBack;
    this.sink = sink;
    Properties p = new Properties();
    p.putAll(properties);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    consumer = new KafkaConsumer<>(p);
    thread = new Thread(this::run, "gateway-reader-" + topic);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Whether the reader has read everything the topic held when it started. */
  boolean caughtUp() {
    return caughtUp;
  }

  private void run() {
    try {
      List<TopicPartition> parts = partitions();
      if (parts == null) {
        return;
      }
      consumer.assign(parts);
      if (lookBack == null) {
        consumer.seekToBeginning(parts);
      } else {
        long from = System.currentTimeMillis() - lookBack.toMillis();
        Map<TopicPartition, OffsetAndTimestamp> at =
            consumer.offsetsForTimes(
                parts.stream().collect(java.util.stream.Collectors.toMap(tp -> tp, tp -> from)));
        for (TopicPartition tp : parts) {
          OffsetAndTimestamp o = at.get(tp);
          if (o == null) {
            consumer.seekToEnd(List.of(tp));
          } else {
            consumer.seek(tp, o.offset());
          }
        }
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          sink.record(
              r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
              r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
              r.timestamp());
        }
        if (!caughtUp && parts.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
          caughtUp = true;
          LOG.info("gateway: {} read to its end at start", topic);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      if (running.get()) {
        LOG.error("gateway: reading {} failed", topic, e);
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** The topic's partitions once it exists; null when closed first. */
  private List<TopicPartition> partitions() {
    boolean warned = false;
    while (running.get()) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        }
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        // Kafka not reachable yet
      }
      if (!warned) {
        LOG.warn("gateway: waiting for topic {} (create it with frictionflow topics)", topic);
        warned = true;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    thread.join(7000);
  }
}
