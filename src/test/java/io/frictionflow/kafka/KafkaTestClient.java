package io.frictionflow.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A test's producer, reader and topic admin against any Kafka broker, the test's or a stack's. */
public final class KafkaTestClient implements AutoCloseable {
  private final String bootstrapServers;
  private final KafkaProducer<String, String> producer;

  public KafkaTestClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    producer = new KafkaProducer<>(p);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public void createTopics(int partitions, String... topics) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      List<NewTopic> list = new ArrayList<>();
      for (String t : topics) {
        list.add(new NewTopic(t, partitions, (short) 1));
      }
      admin.createTopics(list).all().get();
    }
  }

  /** Sends one record to a partition (null: by key) and waits for the broker's ack. */
  public void send(String topic, Integer partition, String key, String value) throws Exception {
    producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
  }

  /**
   * Whether consumer group {@code group} has committed, on every partition of {@code topic}, the
   * topic's end offset: everything written so far was read and checkpointed by a Flink Kafka
   * source, which commits its offsets when a checkpoint completes.
   */
  public boolean committedToEnd(String group, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      for (int i = 0; i < partitions; i++) {
        latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      for (var end : admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata c = committed.get(end.getKey());
        long at = c == null ? 0 : c.offset();
        if (at < end.getValue().offset()) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Reads {@code topic} from the start until {@code done} holds for what was read, or the deadline
   * passes.
   *
   * @param readCommitted read_committed (only committed transactions) or read_uncommitted
   */
  public List<String> readUntil(
      String topic, boolean readCommitted, Predicate<List<String>> done, Duration deadline) {
    return read(topic, readCommitted, false, done, deadline);
  }

  /**
   * Reads everything {@code topic} holds now: up to each partition's end offset (with
   * read_committed, the last stable offset, so every committed transaction), or fails at the
   * deadline.
   */
  public List<String> readAll(String topic, boolean readCommitted, Duration deadline) {
    List<String> out = new ArrayList<>();
    Instant end = Instant.now().plus(deadline);
    try (KafkaConsumer<byte[], byte[]> c = consumer(readCommitted)) {
      List<TopicPartition> partitions =
          c.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = c.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
        if (Instant.now().isAfter(end)) {
          throw new AssertionError("could not read " + topic + " to its end within " + deadline);
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(r.value() == null ? TOMBSTONE : new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  /** Like {@link #readUntil}, each record as {@code key=value} ({@link #TOMBSTONE} for null). */
  public List<String> readKeyedUntil(
      String topic, Predicate<List<String>> done, Duration deadline) {
    return read(topic, false, true, done, deadline);
  }

  /** The text of a record with a null value. */
  public static final String TOMBSTONE = "<tombstone>";

  private List<String> read(
      String topic,
      boolean readCommitted,
      boolean keyed,
      Predicate<List<String>> done,
      Duration deadline) {
    List<String> out = new ArrayList<>();
    Instant end = Instant.now().plus(deadline);
    try (KafkaConsumer<byte[], byte[]> c = consumer(readCommitted)) {
      c.subscribe(List.of(topic));
      while (!done.test(out) && Instant.now().isBefore(end)) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
          out.add(
              keyed
                  ? key
                      + "="
                      + (r.value() == null
                          ? TOMBSTONE
                          : new String(r.value(), StandardCharsets.UTF_8))
                  : r.value() == null ? TOMBSTONE : new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private KafkaConsumer<byte[], byte[]> consumer(boolean readCommitted) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        readCommitted ? "read_committed" : "read_uncommitted");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  @Override
  public void close() throws Exception {
    producer.close();
  }
}
