package io.frictionflow.cli;

import io.frictionflow.config.JobSettings;
import io.frictionflow.job.Detector;
import io.frictionflow.kafka.KafkaJob;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code job}: the production job, Kafka in and out; what {@code flink run} submits. */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description =
        "Runs the job on Kafka: events from frictionflow.kafka.topics.events, signals, fast"
            + " signals, failed and late events to their topics. Submit with"
            + " 'flink run frictionflow.jar job --config job.yaml'; started with java, it runs in an"
            + " embedded Flink.")
final class JobCommand implements Callable<Integer> {
  @Mixin JobArgs job;

  @picocli.CommandLine.Option(
      names = "--replay-from",
      paramLabel = "TIME",
      description =
          "Replay: read the events topic from this Kafka record time (epoch ms or ISO-8601: when"
              + " the records were written, not the events' own time), or from the start with"
              + " 'earliest', with a fresh consumer group, write every output to topics prefixed"
              + " with --replay-prefix, and send no webhook.")
  String replayFrom;

  @picocli.CommandLine.Option(
      names = "--replay-prefix",
      paramLabel = "PREFIX",
      defaultValue = "replay-",
      description = "Prefix of the replay's output topics (default: ${DEFAULT-VALUE}).")
  String replayPrefix;

  @Override
  public Integer call() throws Exception {
    JobSettings settings = job.settings();
    if (replayFrom != null) {
      job.set.putAll(replayOverrides(settings.kafka(), replayFrom, replayPrefix));
      job.noWebhooks = true;
      settings = job.settings();
    }
    settings.kafka().requireBootstrapServers();
    List<Detector> detectors = job.detectors(settings);
    StreamExecutionEnvironment env = environment(settings);
    KafkaJob.build(env, settings, detectors, job.params);
    env.execute(replayFrom == null ? "frictionflow" : "frictionflow replay from " + replayFrom);
    return 0;
  }

  /**
   * The options a replay sets: start at {@code from} with a fresh consumer group, its own
   * transactional ids, and every output topic prefixed.
   */
  static java.util.Map<String, String> replayOverrides(
      io.frictionflow.config.KafkaSettings k, String from, String prefix) {
    java.util.Map<String, String> o = new java.util.LinkedHashMap<>();
    o.put(
        "frictionflow.kafka.starting-offsets",
        from.equals("earliest") ? "earliest" : "timestamp:" + from);
    // Group and transactional ids of their own per replay start and prefix: replays from
    // different starts, or into different prefixes, can run at once without fencing each other's
    // transactions or sharing offsets (two of the same start and prefix would write the same
    // topics anyway).
    String suffix = "-" + prefix + from.replaceAll("[^0-9A-Za-z]", "");
    o.put("frictionflow.kafka.group-id", k.groupId() + suffix);
    o.put("frictionflow.kafka.transactional-id-prefix", k.transactionalIdPrefix() + suffix);
    o.put("frictionflow.kafka.topics.signals", prefix + k.signalsTopic());
    o.put("frictionflow.kafka.topics.signals-fast", prefix + k.signalsFastTopic());
    o.put("frictionflow.kafka.topics.events-failed", prefix + k.failedTopic());
    o.put("frictionflow.kafka.topics.events-late", prefix + k.lateTopic());
    o.put("frictionflow.kafka.topics.signals-undelivered", prefix + k.undeliveredTopic());
    o.put("frictionflow.kafka.topics.session-context", prefix + k.contextTopic());
    return o;
  }

  /** The execution environment with the job's Flink settings applied. */
  static StreamExecutionEnvironment environment(JobSettings settings) {
    Configuration conf = Configuration.fromMap(settings.flink());
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    return StreamExecutionEnvironment.getExecutionEnvironment(conf);
  }
}
