package io.frictionflow.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka (KRaft, broker and controller combined) in the test JVM, on loopback.
 */
public final class KafkaTestCluster implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  private final KafkaProducer<String, String> producer;

  public KafkaTestCluster() throws Exception {
    cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "2")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "2")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("auto.create.topics.enable", "false")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    producer = new KafkaProducer<>(p);
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
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
   * Reads {@code topic} from the start until {@code done} holds for what was read, or the deadline
   * passes.
   *
   * @param readCommitted read_committed (only committed transactions) or read_uncommitted
   */
  public List<String> readUntil(
      String topic, boolean readCommitted, Predicate<List<String>> done, Duration deadline) {
    return read(topic, readCommitted, false, done, deadline);
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
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        readCommitted ? "read_committed" : "read_uncommitted");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<String> out = new ArrayList<>();
    Instant end = Instant.now().plus(deadline);
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
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

  @Override
  public void close() throws Exception {
    producer.close();
    cluster.close();
  }
}
