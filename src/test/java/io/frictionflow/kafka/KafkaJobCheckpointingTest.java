package io.frictionflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frictionflow.config.ConfigFiles;
import io.frictionflow.config.InvalidConfigException;
import io.frictionflow.config.JobSettings;
import io.frictionflow.job.Detector;
import io.frictionflow.pattern.PatternCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once job refuses to start without the checkpoints its guarantees rest on, and the
 * shipped config files start it the way the docs say. Builds the job graph only: no broker needed.
 */
class KafkaJobCheckpointingTest {
  private static final List<Detector> DETECTORS =
      PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of()).stream()
          .map(Detector::of)
          .toList();

  private static JobSettings settings(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(extra);
    values.putIfAbsent("frictionflow.kafka.bootstrap-servers", "127.0.0.1:9092");
    return JobSettings.from(values);
  }

  /** Builds the job in an environment with {@code flink} as its effective Flink configuration. */
  private static void build(Configuration flink, JobSettings settings) {
    Configuration conf = new Configuration(flink);
    conf.addAll(Configuration.fromMap(settings.flink()));
    KafkaJob.build(StreamExecutionEnvironment.getExecutionEnvironment(conf), settings, DETECTORS);
  }

  @Test
  void withoutCheckpointingTheJobRefusesToStartNamingTheKeyToSet() {
    assertThatThrownBy(() -> build(new Configuration(), settings(Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("config execution.checkpointing.interval: checkpointing is off")
        .hasMessageContaining("--set flink.execution.checkpointing.interval=10s")
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).key())
                    .isEqualTo("execution.checkpointing.interval"));
  }

  @Test
  void atLeastOnceCheckpointsAreRefusedWhileTheExactlyOnceTopicIsOn() {
    Map<String, String> atLeastOnce =
        Map.of(
            "flink.execution.checkpointing.interval", "10s",
            "flink.execution.checkpointing.mode", "AT_LEAST_ONCE");
    assertThatThrownBy(() -> build(new Configuration(), settings(atLeastOnce)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("config execution.checkpointing.mode: is AT_LEAST_ONCE")
        .hasMessageContaining("frictionflow.kafka.signals.enabled=false");
    Map<String, String> noExactlyOnceTopic = new HashMap<>(atLeastOnce);
    noExactlyOnceTopic.put("frictionflow.kafka.signals.enabled", "false");
    assertThatCode(() -> build(new Configuration(), settings(noExactlyOnceTopic)))
        .doesNotThrowAnyException();
  }

  @Test
  void aCheckpointIntervalInTheJobsOwnConfigIsEnough() {
    assertThatCode(
            () ->
                build(
                    new Configuration(),
                    settings(Map.of("flink.execution.checkpointing.interval", "1s"))))
        .doesNotThrowAnyException();
  }

  @Test
  void jobLocalYamlStartsOnTheLocalStackWhoseConfigYamlCheckpoints() {
    // bin/frictionflow flink run reads the cluster's config.yaml, made from flink-conf/config.yaml.
    Configuration cluster = GlobalConfiguration.loadConfiguration("flink-conf");
    JobSettings local = JobSettings.from(ConfigFiles.read(Path.of("flink-conf/job-local.yaml")));
    assertThatCode(() -> build(cluster, local)).doesNotThrowAnyException();
    // Started with java instead (an embedded Flink, no config.yaml), it says what to set.
    assertThatThrownBy(() -> build(new Configuration(), local))
        .hasMessageContaining("flink.execution.checkpointing.interval");
  }

  @Test
  void dockerJobYamlStartsOnTheComposeStack() {
    // The compose stack's submitter runs flink run with flink-conf/config.yaml; its
    // FLINK_PROPERTIES only move the checkpoint directories. Webhooks off: their secret is the
    // stack's environment, not this test's.
    Configuration cluster = GlobalConfiguration.loadConfiguration("flink-conf");
    cluster.setString("execution.checkpointing.dir", "file:///flink-data/checkpoints");
    JobSettings docker =
        JobSettings.from(ConfigFiles.read(Path.of("docker/job.yaml"))).withoutWebhooks();
    assertThatCode(() -> build(cluster, docker)).doesNotThrowAnyException();
  }
}
