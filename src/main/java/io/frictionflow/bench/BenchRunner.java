package io.frictionflow.bench;

import io.frictionflow.config.JobSettings;
import io.frictionflow.ingest.Accumulators;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the benchmark: the whole pipeline (decode, event time, dedupe, patterns, intent and context)
 * in an embedded Flink over a seeded workload of generated sessions, for each state backend and
 * pattern count asked for: once at full speed (throughput), then paced at a fixed wall-clock rate
 * with event time following the wall clock (detection delay), holding before the last event to
 * measure state per open session (a native savepoint, the same bytes as a full checkpoint) and heap
 * in use.
 */
public final class BenchRunner {
  /** Told of the workload, then of each run as it ends, so that a long bench reports as it goes. */
  public interface Progress {
    /** The workload is written; no run has started. */
    void workload(Workload workload);

    /** A measured run has ended. */
    void measured(BenchRun run);
  }

  private final BenchOptions options;

  public BenchRunner(BenchOptions options) {
    this.options = options;
  }

  /** Runs every configuration in a temporary directory, deleted afterwards. */
  public BenchResult run(Progress progress) throws Exception {
    JobSettings settings = options.settings();
    List<PatternSpec> all = PatternCatalog.resolve(PatternCatalog.bundledDefinitions(), Map.of());
    long spreadMillis = options.spread().toMillis();
    Path dir = Files.createTempDirectory("frictionflow-bench");
    Path input = dir.resolve("events.jsonl");
    try {
      Disorder disorder = Disorder.of(options.disorder(), options.seed());
      Workload w =
          Workload.write(
              input,
              options.seed(),
              options.sessions(),
              options.friction(),
              spreadMillis,
              disorder);
      progress.workload(w);
      if (options.warmup() > 0) {
        // A JVM's first minute of Flink is mostly the JIT: a cold run measures it, not the job.
        // Heap state only: the code is the same but for the state backend, and RocksDB would
        // take ten times as long to warm up.
        Path warm = dir.resolve("warmup.jsonl");
        Workload ww =
            Workload.write(
                warm, options.seed() + 1, options.warmup(), options.friction(), spreadMillis);
        runFullSpeed(warm, ww.events(), "heap", all, settings);
      }
      List<BenchRun> runs = new ArrayList<>();
      for (String state : options.states()) {
        for (String count : options.patternCounts()) {
          int n = count.equals("all") ? all.size() : Math.min(all.size(), Integer.parseInt(count));
          List<PatternSpec> patterns = pick(all, n);
          double measured = 0;
          if (options.fullSpeed()) {
            BenchRun r = runFullSpeed(input, w.events(), state, patterns, settings);
            runs.add(r);
            progress.measured(r);
            measured = r.eventsPerSecond();
          }
          if (options.paced()) {
            PaceSchedule schedule =
                PaceSchedule.resolve(options.rate(), measured).withDisorder(disorder);
            BenchRun r =
                runPaced(
                    input,
                    w.events() + w.retriedCopies(),
                    state,
                    patterns,
                    settings,
                    schedule,
                    dir);
            runs.add(r);
            progress.measured(r);
          }
        }
      }
      return new BenchResult(w, options.parallelism(), runs);
    } finally {
      deleteTree(dir);
    }
  }

  /** The first patterns in the order that keeps the common ones first. */
  private static List<PatternSpec> pick(List<PatternSpec> all, int n) {
    List<String> order = List.of("rage-click", "dead-click", "error-click", "form-abandonment");
    List<PatternSpec> sorted = new ArrayList<>(all);
    sorted.sort((a, b) -> Integer.compare(rank(order, a.id()), rank(order, b.id())));
    return sorted.subList(0, n);
  }

  private static int rank(List<String> order, String id) {
    int i = order.indexOf(id);
    return i < 0 ? order.size() : i;
  }

  private BenchRun runFullSpeed(
      Path input, long events, String state, List<PatternSpec> patterns, JobSettings settings)
      throws Exception {
    StreamExecutionEnvironment env =
        BenchJob.environment(state, settings, options.parallelism(), input.getParent());
    var delays = BenchJob.delays(env, input, events, settings, patterns, null, null);
    CloseableIterator<Long> it = delays.collectAsync();
    JobClient client = env.executeAsync("frictionflow-bench");
    SignalDelays.Collected c = SignalDelays.collect(it);
    JobExecutionResult result = client.getJobExecutionResult().get();
    long runtime = Math.max(1, result.getNetRuntime());
    return new BenchRun(
        "full",
        state,
        patterns.size(),
        events,
        c.signals(),
        runtime,
        events * 1000.0 / runtime,
        0,
        Percentiles.ofMicros(c.delays()),
        null,
        accounting(events, result));
  }

  private BenchRun runPaced(
      Path input,
      long events,
      String state,
      List<PatternSpec> patterns,
      JobSettings settings,
      PaceSchedule schedule,
      Path dir)
      throws Exception {
    Path handshake = Files.createTempDirectory(dir, "paced");
    long baseline = heapAfterGc();
    StreamExecutionEnvironment env =
        BenchJob.environment(state, settings, options.parallelism(), handshake);
    var delays = BenchJob.delays(env, input, events, settings, patterns, schedule, handshake);
    CloseableIterator<Long> it = delays.collectAsync();
    JobClient client = env.executeAsync("frictionflow-bench-paced");
    CompletableFuture<SignalDelays.Collected> collected =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return SignalDelays.collect(it);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    BenchRun.StateSize size;
    try {
      // The source holds before its last event: every session is open.
      long deadline =
          System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + (long) (3 * schedule.seconds(events)));
      while (!Files.exists(handshake.resolve(PacedSource.PAUSED))) {
        if (System.nanoTime() > deadline || collected.isDone()) {
          throw new IllegalStateException(
              "the paced source did not reach its last event in time"
                  + (collected.isDone() ? " (job ended)" : ""));
        }
        TimeUnit.MILLISECONDS.sleep(10);
      }
      long heap = heapAfterGc();
      String savepoint =
          client
              .triggerSavepoint(
                  handshake.resolve("savepoints").toUri().toString(), SavepointFormatType.NATIVE)
              .get(5, TimeUnit.MINUTES);
      // Every generated session has several events, so all have started before the last one,
      // and none has ended: session end timers are minutes of event time away.
      size =
          new BenchRun.StateSize(options.sessions(), treeBytes(savepoint), heap, heap - baseline);
    } finally {
      Files.writeString(handshake.resolve(PacedSource.RESUME), "");
    }
    SignalDelays.Collected c = collected.get();
    JobExecutionResult result = client.getJobExecutionResult().get();
    return new BenchRun(
        "paced",
        state,
        patterns.size(),
        events,
        c.signals(),
        result.getNetRuntime(),
        schedule.eventsPerSecond(),
        schedule.eventsPerSecond(),
        Percentiles.ofMicros(c.delays()),
        size,
        accounting(events, result));
  }

  /** Where the {@code sent} records went, from the job's accumulators. */
  private static BenchRun.Accounting accounting(long sent, JobExecutionResult result) {
    return new BenchRun.Accounting(
        sent,
        counter(result, Accumulators.EVENTS_READ),
        counter(result, Accumulators.EVENTS_USED),
        counter(result, Accumulators.EVENTS_DUPLICATE),
        counter(result, Accumulators.EVENTS_LATE),
        counter(result, Accumulators.EVENTS_FAILED));
  }

  private static long counter(JobExecutionResult result, String name) {
    Object v = result.getAllAccumulatorResults().get(name);
    return v instanceof Number n ? n.longValue() : 0;
  }

  private static long heapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      memory.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long treeBytes(String location) throws IOException {
    Path root = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(BenchRunner::size).sum();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
