package io.frictionflow.local;

import io.frictionflow.config.JobSettings;
import io.frictionflow.detect.Detection;
import io.frictionflow.ingest.Accumulators;
import io.frictionflow.ingest.ByteLinesFormat;
import io.frictionflow.job.Detector;
import io.frictionflow.job.RrwebTrees;
import io.frictionflow.job.Topology;
import io.frictionflow.job.Uids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the job ({@link Topology}) over a bounded JSONL file and hands every output line to a
 * consumer as it is produced ({@link CollectingSinks}). Uses whatever environment the process has:
 * an embedded Flink when started with {@code java}, the cluster when started by {@code flink run}.
 *
 * <p>With a {@link Watch} the run goes on until stopped: the events file is replayed round after
 * round ({@link SampleReplay}), the patterns directory is watched ({@link PatternsDirSource}) and
 * each edit reaches the detector's live input as a patterns topic record does in the cluster job,
 * with its status on the {@link OutputRecord#PATTERN_STATUS} channel. Stopping is a
 * stop-with-savepoint with drain, as {@code flink stop --drain} does: the sources end, the final
 * watermark ends every session, the job finishes and the counts are complete.
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

  /**
   * What keeps a run going with live pattern edits ({@code --watch}).
   *
   * @param patternsDir the directory watched for edits
   * @param loaded its files as the job's catalog was loaded from them ({@link
   *     DirectoryChanges#snapshot}, taken before loading)
   * @param params the job's {@code --param} settings, bound to every edit as at the start
   * @param replayPerSecond events a second of the replayed events file
   * @param stop completed to stop the run; the run then returns the counts
   */
  public record Watch(
      Path patternsDir,
      Map<String, DirectoryChanges.Sent> loaded,
      Map<String, String> params,
      double replayPerSecond,
      CompletableFuture<Void> stop) {}

  /** Runs to the end of {@code events} and returns the counts. */
  public static Summary run(
      Path events,
      JobSettings settings,
      List<Detector> detectors,
      int parallelism,
      Consumer<OutputRecord> consumer)
      throws Exception {
    return run(events, settings, detectors, parallelism, consumer, null);
  }

  /**
   * Runs over {@code events}: to its end, or with {@code watch} replaying it and applying pattern
   * edits until {@link Watch#stop} completes; returns the counts.
   */
  public static Summary run(
      Path events,
      JobSettings settings,
      List<Detector> detectors,
      int parallelism,
      Consumer<OutputRecord> consumer,
      Watch watch)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    if (parallelism > 0) {
      env.setParallelism(parallelism);
    }
    // Lines as bytes: the decoder checks UTF-8 exactly as it does for a Kafka record.
    DataStream<byte[]> raw =
        watch != null
            ? env.fromSource(
                    SampleReplay.of(events, watch.replayPerSecond(), settings.sessionTimeout()),
                    WatermarkStrategy.noWatermarks(),
                    "events-replay")
                .setParallelism(1)
                .uid(Uids.EVENTS_REPLAY)
            : env.fromSource(
                    FileSource.forRecordStreamFormat(
                            new ByteLinesFormat(settings.decoder().maxRecordBytes()),
                            new org.apache.flink.core.fs.Path(events.toAbsolutePath().toUri()))
                        .build(),
                    WatermarkStrategy.noWatermarks(),
                    "events-file")
                // One file is one split: a second reader would only idle and hold back watermarks.
                .setParallelism(1)
                .uid("events-file");
    Detection.Updates updates = null;
    if (watch != null) {
      updates =
          new Detection.Updates(
              env.fromSource(
                      new PatternsDirSource(watch.patternsDir(), watch.loaded()),
                      WatermarkStrategy.noWatermarks(),
                      "patterns-dir: " + watch.patternsDir())
                  .setParallelism(1)
                  .uid(Uids.PATTERNS_DIR_SOURCE),
              watch.params());
    }
    CollectingSinks sinks = new CollectingSinks();
    Topology.buildDecoded(
        RrwebTrees.attach(Topology.decodeLines(raw, settings), settings),
        settings,
        detectors,
        sinks,
        updates);
    DataStream<OutputRecord> all = sinks.all();
    Map<String, Long> byPattern = new TreeMap<>();
    JobExecutionResult result;
    CloseableIterator<OutputRecord> it = all.collectAsync();
    JobClient client = env.executeAsync("frictionflow");
    Path savepoints = watch == null ? null : Files.createTempDirectory("frictionflow-stop");
    if (watch != null) {
      watch.stop().thenRunAsync(() -> drain(client, savepoints));
    }
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
    } finally {
      if (savepoints != null) {
        deleteTree(savepoints);
      }
    }
    return new Summary(
        counter(result, Accumulators.EVENTS_READ),
        counter(result, Accumulators.EVENTS_FAILED),
        counter(result, Accumulators.EVENTS_LATE),
        counter(result, Accumulators.EVENTS_DUPLICATE),
        counter(result, Accumulators.EVENTS_USED),
        byPattern);
  }

  /**
   * Stops the job with a savepoint and drain; retried while its tasks are still starting (a
   * savepoint needs every task running), given up once the job has ended anyway.
   */
  private static void drain(JobClient client, Path savepoints) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        client
            .stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
            .get();
        return;
      } catch (Exception e) {
        try {
          if (client.getJobStatus().get().isGloballyTerminalState()
              || System.currentTimeMillis() > deadline) {
            client.cancel();
            return;
          }
          Thread.sleep(200); // the tasks are being deployed; try again shortly
        } catch (Exception ended) {
          return; // the job is gone
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }

  private static long counter(JobExecutionResult result, String name) {
    Object v = result.getAccumulatorResult(name);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
