package io.frictionflow.local;

import io.frictionflow.config.JobSettings;
import io.frictionflow.ingest.Accumulators;
import io.frictionflow.ingest.ByteLinesFormat;
import io.frictionflow.job.Detector;
import io.frictionflow.job.RrwebTrees;
import io.frictionflow.job.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the job ({@link Topology}) over a bounded JSONL file and hands every output line to a
 * consumer as it is produced ({@link CollectingSinks}). Uses whatever environment the process has:
 * an embedded Flink when started with {@code java}, the cluster when started by {@code flink run}.
 */
public final class LocalJob {
  private LocalJob() {}

  /**
   * Counts for the closing summary; every record read is exactly one of used (passed to the
   * detectors), duplicate, late or failed.
   */
  public record Summary(
      long read,
      long failed,
      long late,
      long duplicates,
      long used,
      Map<String, Long> signalsByPattern) {}

  /** Runs to the end of {@code events} and returns the counts. */
  public static Summary run(
      Path events,
      JobSettings settings,
      List<Detector> detectors,
      int parallelism,
      Consumer<OutputRecord> consumer)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    if (parallelism > 0) {
      env.setParallelism(parallelism);
    }
    // Lines as bytes: the decoder checks UTF-8 exactly as it does for a Kafka record.
    DataStream<byte[]> raw =
        env.fromSource(
                FileSource.forRecordStreamFormat(
                        new ByteLinesFormat(settings.decoder().maxRecordBytes()),
                        new org.apache.flink.core.fs.Path(events.toAbsolutePath().toUri()))
                    .build(),
                WatermarkStrategy.noWatermarks(),
                "events-file")
            // One file is one split: a second reader would only idle and hold back watermarks.
            .setParallelism(1)
            .uid("events-file");
    CollectingSinks sinks = new CollectingSinks();
    Topology.buildDecoded(
        RrwebTrees.attach(Topology.decodeLines(raw, settings), settings),
        settings,
        detectors,
        sinks);
    DataStream<OutputRecord> all = sinks.all();
    Map<String, Long> byPattern = new TreeMap<>();
    JobExecutionResult result;
    CloseableIterator<OutputRecord> it = all.collectAsync();
    JobClient client = env.executeAsync("frictionflow");
    try {
      while (it.hasNext()) {
        OutputRecord r = it.next();
        if (r.channel().equals(OutputRecord.SIGNAL)) {
          byPattern.merge(r.key(), 1L, Long::sum);
        }
        consumer.accept(r);
      }
      result = client.getJobExecutionResult().get();
    } catch (Exception | Error e) {
      // Stop the job when the consumer or the job fails; the iterator cancels it on close.
      it.close();
      throw e;
    }
    return new Summary(
        counter(result, Accumulators.EVENTS_READ),
        counter(result, Accumulators.EVENTS_FAILED),
        counter(result, Accumulators.EVENTS_LATE),
        counter(result, Accumulators.EVENTS_DUPLICATE),
        counter(result, Accumulators.EVENTS_USED),
        byPattern);
  }

  private static long counter(JobExecutionResult result, String name) {
    Object v = result.getAccumulatorResult(name);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
