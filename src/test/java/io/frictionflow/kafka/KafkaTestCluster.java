package io.frictionflow.kafka;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka (KRaft, broker and controller combined) in the test JVM, on loopback,
 * with a {@link KafkaTestClient} on it.
 */
public final class KafkaTestCluster implements AutoCloseable {
  /** The text of a record with a null value. */
  public static final String TOMBSTONE = KafkaTestClient.TOMBSTONE;

  private final KafkaClusterTestKit cluster;
  private final KafkaTestClient client;

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
    client = new KafkaTestClient(cluster.bootstrapServers());
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * Stops the broker, keeping the controller (an outage clients see: sends time out); {@link
   * #startBroker} brings it back on the same address with its data.
   */
  public void stopBroker() {
    cluster
        .brokers()
        .values()
        .forEach(
            b -> {
              b.shutdown();
              b.awaitShutdown();
            });
  }

  /** Starts the broker {@link #stopBroker} stopped and waits until it is ready. */
  public void startBroker() throws Exception {
    for (var b : cluster.brokers().values()) {
      b.startup();
    }
    cluster.waitForReadyBrokers();
  }

  public void createTopics(int partitions, String... topics) throws Exception {
    client.createTopics(partitions, topics);
  }

  /** Sends one record to a partition (null: by key) and waits for the broker's ack. */
  public void send(String topic, Integer partition, String key, String value) throws Exception {
    client.send(topic, partition, key, value);
  }

  /** See {@link KafkaTestClient#readUntil}. */
  public List<String> readUntil(
      String topic, boolean readCommitted, Predicate<List<String>> done, Duration deadline) {
    return client.readUntil(topic, readCommitted, done, deadline);
  }

  /** See {@link KafkaTestClient#readKeyedUntil}. */
  public List<String> readKeyedUntil(
      String topic, Predicate<List<String>> done, Duration deadline) {
    return client.readKeyedUntil(topic, done, deadline);
  }

  /** See {@link KafkaTestClient#readAll}. */
  public List<String> readAll(String topic, boolean readCommitted, Duration deadline) {
    return client.readAll(topic, readCommitted, deadline);
  }

  /** See {@link KafkaTestClient#committedToEnd}. */
  public boolean committedToEnd(String group, String topic) throws Exception {
    return client.committedToEnd(group, topic);
  }

  @Override
  public void close() throws Exception {
    client.close();
    cluster.close();
  }
}
