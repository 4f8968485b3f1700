package io.frictionflow.bench;

import io.frictionflow.config.JobSettings;
import io.frictionflow.job.ByteLinesFormat;
import io.frictionflow.job.DecodeFunction;
import io.frictionflow.job.Decoded;
import io.frictionflow.job.Detector;
import io.frictionflow.job.Topology;
import io.frictionflow.job.Uids;
import io.frictionflow.pattern.PatternSpec;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What the bench runs: an embedded environment per run, and the whole job between the bench's
 * sources and its delay measurement, built in {@link #delays} alone.
 */
final class BenchJob {
  private BenchJob() {}

  /** One run's embedded environment: the {@code state} backend, checkpoints under {@code dir}. */
  static StreamExecutionEnvironment environment(
      String state, JobSettings settings, int parallelism, Path dir) {
    Configuration conf = new Configuration();
    // File checkpoint storage: the JobManager's in-memory default refuses state over 5 MB, which
    // a savepoint of 10k open sessions exceeds.
    conf.setString("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.setString("state.backend.type", state.equals("heap") ? "hashmap" : "rocksdb");
    // Events and signals are immutable records, so chained operators may pass them on without a
    // copy; the first profile showed the copies (PojoSerializer.copy) as the largest
    // serialization cost. flink-conf/config.yaml does not set it (docs/performance.md).
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    // As in flink-conf/config.yaml.
    conf.setString("execution.buffer-timeout.interval", "5 ms");
    // Idle-time watermark ticks of the paced run (WallClockWatermarks).
    conf.setString("pipeline.auto-watermark-interval", "20 ms");
    conf.addAll(Configuration.fromMap(settings.flink()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    return env;
  }

  /**
   * The bench's dataflow: the whole job, each signal mapped to its detection delay. At full speed
   * ({@code pace} null) the job reads the workload file as a bounded run does; paced, it decodes
   * the paced replay and takes event time from the wall clock.
   */
  static DataStream<Long> delays(
      StreamExecutionEnvironment env,
      Path input,
      long events,
      JobSettings settings,
      List<PatternSpec> patterns,
      PaceSchedule pace,
      Path handshake) {
    List<Detector> detectors = patterns.stream().map(Detector::of).toList();
    Topology.Outputs outputs =
        pace == null
            ? Topology.build(fileLines(env, input, settings), settings, detectors)
            : Topology.buildDecoded(
                pacedDecoded(env, input, events, settings, pace, handshake), settings, detectors);
    return SignalDelays.of(outputs.signals());
  }

  /** The workload file's lines as bytes, read at full speed. */
  private static DataStream<byte[]> fileLines(
      StreamExecutionEnvironment env, Path input, JobSettings settings) {
    return env.fromSource(
            FileSource.forRecordStreamFormat(
                    new ByteLinesFormat(settings.maxEventBytes()),
                    new org.apache.flink.core.fs.Path(input.toUri()))
                .build(),
            WatermarkStrategy.noWatermarks(),
            "bench-events")
        .setParallelism(1)
        .uid("bench-events");
  }

  /** The workload replayed on {@code pace}, decoded, with event time following the wall clock. */
  private static DataStream<Decoded> pacedDecoded(
      StreamExecutionEnvironment env,
      Path input,
      long events,
      JobSettings settings,
      PaceSchedule pace,
      Path handshake) {
    return env.fromSource(
            PacedSource.of(input, events, pace, handshake),
            WatermarkStrategy.noWatermarks(),
            "bench-paced-events")
        .setParallelism(1)
        .uid("bench-paced-events")
        .map(new DecodeFunction(settings.decoder()))
        .setParallelism(1)
        .uid(Uids.DECODE)
        .name("decode")
        .assignTimestampsAndWatermarks(
            WallClockWatermarks.strategy(settings.maxOutOfOrderness(), settings.watermarkStep()))
        .setParallelism(1)
        .uid(Uids.EVENT_TIME)
        .name("event-time");
  }
}
