package io.frictionflow.kafka;

import io.frictionflow.config.InvalidConfigException;
import io.frictionflow.config.JobSettings;
import io.frictionflow.config.KafkaOptions;
import io.frictionflow.config.KafkaSettings;
import io.frictionflow.detect.Detection;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.ingest.Decoded;
import io.frictionflow.ingest.EagerWatermarks;
import io.frictionflow.job.Detector;
import io.frictionflow.job.RrwebTrees;
import io.frictionflow.job.Topology;
import io.frictionflow.job.Uids;
import io.frictionflow.pattern.PatternUpdate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The cluster job: events from Kafka through {@link Topology}, every output to Kafka ({@link
 * KafkaSinks}). {@code signals} is exactly-once (transactional, visible to read_committed readers
 * at each checkpoint); {@code signals-fast}, {@code events-failed} and {@code events-late} are
 * at-least-once and sent at once.
 */
public final class KafkaJob {
  private KafkaJob() {}

  /**
   * Adds the whole job to {@code env}.
   *
   * @throws InvalidConfigException when {@code env} does not checkpoint the way the job's
   *     guarantees need ({@link #requireCheckpointing})
   */
  public static void build(
      StreamExecutionEnvironment env, JobSettings settings, List<Detector> detectors) {
    build(env, settings, detectors, Map.of());
  }

  /**
   * Adds the whole job to {@code env}; with a patterns topic ({@code
   * frictionflow.kafka.topics.patterns}) the detector applies the updates it reads there while it
   * runs, binding {@code params} to each as to {@code detectors}.
   *
   * @param params the job's {@code --param} settings ({@code PATTERN_ID.NAME=VALUE})
   */
  public static void build(
      StreamExecutionEnvironment env,
      JobSettings settings,
      List<Detector> detectors,
      Map<String, String> params) {
    KafkaSettings k = settings.kafka();
    k.requireBootstrapServers();
    requireCheckpointing(env.getCheckpointConfig(), k);
    DataStream<Decoded> decoded =
        env.fromSource(
                source(k, settings.decoder()),
                EagerWatermarks.strategy(
                    settings.maxOutOfOrderness(), settings.watermarkStep(), settings.idleness()),
                "kafka: " + k.eventsTopic())
            .uid(Uids.KAFKA_SOURCE);
    Detection.Updates updates = null;
    if (k.patternsEnabled()) {
      DataStream<PatternUpdate> patterns =
          env.fromSource(
                  patternsSource(k),
                  WatermarkStrategy.noWatermarks(),
                  "kafka: " + k.patternsTopic())
              .setParallelism(1)
              .uid(Uids.KAFKA_PATTERNS_SOURCE);
      updates = new Detection.Updates(patterns, params);
    }
    Topology.buildDecoded(
        RrwebTrees.attach(decoded, settings), settings, detectors, new KafkaSinks(k), updates);
  }

  /**
   * The patterns topic from its start when the job has no state (a compacted topic then replays the
   * current file of every pattern), from the checkpointed offsets after a restore.
   */
  static KafkaSource<PatternUpdate> patternsSource(KafkaSettings k) {
    Properties props = new Properties();
    props.putAll(k.properties());
    props.putIfAbsent("commit.offsets.on.checkpoint", "false");
    return KafkaSource.<PatternUpdate>builder()
        .setBootstrapServers(k.bootstrapServers())
        .setTopics(k.patternsTopic())
        .setGroupId(k.groupId() + "-patterns")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setProperties(props)
        .setDeserializer(new PatternUpdateDeserializer())
        .build();
  }

  /**
   * Refuses a job that cannot keep its guarantees: without checkpoints the transactional signals
   * topic is never committed (read_committed readers see nothing, ever), source offsets are never
   * committed and state is never saved; with AT_LEAST_ONCE checkpoints (barriers not aligned, and
   * in-flight records not stored either) a restore replays records whose effects the snapshot
   * already holds, so the "exactly-once" topic would get duplicates. {@code config} is the
   * effective configuration: under {@code flink run} the client's config.yaml merged with the job's
   * {@code flink.} keys.
   *
   * @throws InvalidConfigException naming the Flink key to set
   */
  public static void requireCheckpointing(CheckpointConfig config, KafkaSettings k) {
    String interval = CheckpointingOptions.CHECKPOINTING_INTERVAL.key();
    if (!config.isCheckpointingEnabled()) {
      throw new InvalidConfigException(
          interval,
          "checkpointing is off, so the exactly-once signals topic would never be committed and"
              + " no state or offset would be saved; set "
              + interval
              + " (e.g. 10 s) in the cluster's config.yaml (flink-conf/config.yaml does), or for"
              + " this job with --set "
              + JobSettings.FLINK_PREFIX
              + interval
              + "=10s or a "
              + JobSettings.FLINK_PREFIX
              + interval
              + " key in its --config file (see docs/delivery.md)");
    }
    if (k.signalsEnabled()
        && config.getCheckpointingConsistencyMode() != CheckpointingMode.EXACTLY_ONCE) {
      String mode = CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE.key();
      throw new InvalidConfigException(
          mode,
          "is "
              + config.getCheckpointingConsistencyMode()
              + ", but the exactly-once signals topic needs EXACTLY_ONCE checkpoints (a restore"
              + " after AT_LEAST_ONCE ones writes duplicates); set "
              + mode
              + ": EXACTLY_ONCE (the default), or turn that topic off with "
              + KafkaOptions.SIGNALS_ENABLED.key()
              + "=false");
    }
  }

  static KafkaSource<Decoded> source(KafkaSettings k, DecoderSettings decoder) {
    OffsetsInitializer start =
        switch (k.startingOffsets()) {
          case "earliest" -> OffsetsInitializer.earliest();
          case "latest" -> OffsetsInitializer.latest();
          case "timestamp" -> OffsetsInitializer.timestamp(k.startingTimestamp());
          default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    Properties props = new Properties();
    props.putAll(k.properties());
    // Offsets are committed on checkpoints; Flink's state is the source of truth on restore.
    props.putIfAbsent("commit.offsets.on.checkpoint", "true");
    return KafkaSource.<Decoded>builder()
        .setBootstrapServers(k.bootstrapServers())
        .setTopics(k.eventsTopic())
        .setGroupId(k.groupId())
        .setStartingOffsets(start)
        .setProperties(props)
        .setDeserializer(new DecodingDeserializer(decoder))
        .build();
  }
}
