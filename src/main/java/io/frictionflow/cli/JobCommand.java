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

  @Override
  public Integer call() throws Exception {
    JobSettings settings = job.settings();
    settings.kafka().requireBootstrapServers();
    List<Detector> detectors = job.detectors(settings);
    StreamExecutionEnvironment env = environment(settings);
    KafkaJob.build(env, settings, detectors);
    env.execute("frictionflow");
    return 0;
  }

  /** The execution environment with the job's Flink settings applied. */
  static StreamExecutionEnvironment environment(JobSettings settings) {
    Configuration conf = Configuration.fromMap(settings.flink());
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    return StreamExecutionEnvironment.getExecutionEnvironment(conf);
  }
}
