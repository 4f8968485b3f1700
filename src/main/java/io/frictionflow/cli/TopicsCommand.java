package io.frictionflow.cli;

import io.frictionflow.config.KafkaSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code topics}: creates the Kafka topics the job reads and writes, with the names the job's
 * options give them, and the replay's prefixed outputs. Existing topics are left as they are.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description =
        "Creates the job's Kafka topics (events, signals, fast signals, failed, late, undelivered,"
            + " session context compacted) and the replay's prefixed outputs; existing topics are"
            + " kept.")
final class TopicsCommand implements Callable<Integer> {
  @Mixin JobArgs job;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      description = "Partitions of each new topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--replication-factor",
      defaultValue = "1",
      description = "Replication factor of each new topic (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(
      names = "--replay-prefix",
      paramLabel = "PREFIX",
      defaultValue = "replay-",
      description =
          "Also create the replay's outputs under this prefix; empty for none (default:"
              + " ${DEFAULT-VALUE}).")
  String replayPrefix;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (partitions < 1 || replicationFactor < 1) {
      throw new UsageException("--partitions and --replication-factor must be at least 1");
    }
    KafkaSettings k = job.settings().kafka();
    k.requireBootstrapServers();
    Map<String, Boolean> topics = new LinkedHashMap<>(); // name -> compacted
    topics.put(k.eventsTopic(), false);
    outputs(k, topics);
    if (!replayPrefix.isEmpty()) {
      job.set.putAll(JobCommand.replayOverrides(k, "0", replayPrefix));
      outputs(job.settings().kafka(), topics);
    }
    Map<String, Object> admin = new LinkedHashMap<>(k.properties());
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    PrintWriter out = spec.commandLine().getOut();
    try (Admin a = Admin.create(admin)) {
      Set<String> existing = a.listTopics().names().get();
      List<NewTopic> create = new ArrayList<>();
      for (var t : topics.entrySet()) {
        if (existing.contains(t.getKey())) {
          out.printf("exists   %s%n", t.getKey());
          continue;
        }
        NewTopic n = new NewTopic(t.getKey(), partitions, replicationFactor);
        if (t.getValue()) {
          n.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        create.add(n);
      }
      Map<String, KafkaFuture<Void>> results = a.createTopics(create).values();
      // In the order asked for (the result map has none).
      for (NewTopic n : create) {
        try {
          results.get(n.name()).get();
          out.printf(
              "created  %s (%d partitions%s)%n",
              n.name(), partitions, topics.get(n.name()) ? ", compacted" : "");
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new UsageException(
                "cannot create topic " + n.name() + ": " + e.getCause().getMessage());
          }
          out.printf("exists   %s%n", n.name());
        }
      }
    }
    return 0;
  }

  /** The job's output topics; the session context topic is compacted (latest per session). */
  private static void outputs(KafkaSettings k, Map<String, Boolean> topics) {
    topics.put(k.signalsTopic(), false);
    topics.put(k.signalsFastTopic(), false);
    topics.put(k.failedTopic(), false);
    topics.put(k.lateTopic(), false);
    topics.put(k.undeliveredTopic(), false);
    topics.put(k.contextTopic(), true);
  }
}
