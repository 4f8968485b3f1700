package io.frictionflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.config.JobSettings;
import io.frictionflow.kafka.KafkaJob;
import io.frictionflow.pattern.PatternCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The job's operator uids are held against a checked-in list, so that a change that would orphan
 * savepoint state is a conscious one: update src/test/resources/expected-uids.txt with it.
 */
class UidsTest {
  @Test
  void everyOperatorHasAnExplicitUidAndTheListIsTheCheckedInOne() throws Exception {
    TreeSet<String> uids = uids(Map.of());
    assertThat(uids).containsExactlyElementsOf(new TreeSet<>(expected()));
    assertThat(uids)
        .contains(
            "kafka-events-source",
            "dedupe",
            "detect",
            "detect-fire",
            "session",
            "kafka-signals-sink");
    assertThat(uids).doesNotContain(Uids.RRWEB_TREE, Uids.RRWEB_SPLIT);
  }

  /** rrweb input adds its two operators at the front, and nothing else changes. */
  @Test
  void theRrwebJobHasTheDefaultUidsAndItsTreeOperator() throws Exception {
    TreeSet<String> expected = new TreeSet<>(expected());
    expected.add(Uids.RRWEB_SPLIT);
    expected.add(Uids.RRWEB_TREE);
    assertThat(uids(Map.of("frictionflow.input.format", "rrweb")))
        .containsExactlyElementsOf(expected);
  }

  /**
   * A patterns topic adds its source and the status sink (and the sink's committer); the detector
   * keeps its uid, so savepoints of the job without one restore.
   */
  @Test
  void theJobWithAPatternsTopicHasTheDefaultUidsAndThePatternSourceAndStatusSink()
      throws Exception {
    TreeSet<String> expected = new TreeSet<>(expected());
    expected.add(Uids.KAFKA_PATTERNS_SOURCE);
    expected.add(Uids.KAFKA_PATTERN_STATUS);
    expected.add("Sink Committer: " + Uids.KAFKA_PATTERN_STATUS);
    assertThat(uids(Map.of("frictionflow.kafka.topics.patterns", "patterns")))
        .containsExactlyElementsOf(expected);
  }

  private static List<String> expected() throws Exception {
    return Files.readAllLines(Path.of("src/test/resources/expected-uids.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .toList();
  }

  private static TreeSet<String> uids(Map<String, String> options) throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
    // The Kafka job refuses to build without checkpoints.
    conf.set(
        org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL,
        java.time.Duration.ofSeconds(10));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    var detectors =
        PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of()).stream()
            .map(Detector::of)
            .toList();
    // The production job: Kafka source and sinks (building it does not connect).
    Map<String, String> settings = new java.util.HashMap<>(options);
    settings.put("frictionflow.kafka.bootstrap-servers", "127.0.0.1:9");
    KafkaJob.build(env, JobSettings.from(settings), detectors);
    StreamGraph graph = env.getStreamGraph();
    // Fails when any operator lacks a uid, as a cluster with auto-generate-uids: false would.
    graph.getJobGraph();
    TreeSet<String> uids = new TreeSet<>();
    for (StreamNode n : graph.getStreamNodes()) {
      if (n.getTransformationUID() != null) {
        uids.add(n.getTransformationUID());
      }
    }
    return uids;
  }
}
