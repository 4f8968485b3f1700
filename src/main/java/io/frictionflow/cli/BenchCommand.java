package io.frictionflow.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.bench.PaceSchedule;
import io.frictionflow.bench.PacedSource;
import io.frictionflow.bench.Percentiles;
import io.frictionflow.bench.SignalSink;
import io.frictionflow.bench.WallClockWatermarks;
import io.frictionflow.bench.Workload;
import io.frictionflow.config.InvalidConfigException;
import io.frictionflow.config.JobSettings;
import io.frictionflow.ingest.ByteLinesFormat;
import io.frictionflow.ingest.DecodeFunction;
import io.frictionflow.job.Detector;
import io.frictionflow.job.Topology;
import io.frictionflow.job.Uids;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.session.SessionFunction;
import io.frictionflow.signal.Signal;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the whole pipeline (decode, event time, dedupe, patterns, intent and context) in
 * an embedded Flink over a seeded workload of generated sessions, for each state backend and
 * pattern count asked for: once at full speed (throughput), then paced at a fixed wall-clock rate
 * with event time following the wall clock (detection delay), holding before the last event to
 * measure state per open session (a native savepoint, the same bytes as a full checkpoint) and heap
 * in use.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks the full pipeline on generated sessions: throughput at full speed, detection"
            + " delay at a fixed rate, state per session and heap, per state backend and number of"
            + " patterns (docs/performance.md).")
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--sessions",
      defaultValue = "100",
      description =
          "Sessions to generate; all are open at once in the paced run (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(
      names = "--friction",
      defaultValue = "0.25",
      description = "Share of sessions with friction (default: ${DEFAULT-VALUE}).")
  double friction;

  @Option(
      names = "--spread",
      defaultValue = "20m",
      description =
          "Event time over which sessions start at full speed: fewer minutes, more concurrent"
              + " sessions (default: ${DEFAULT-VALUE}).")
  String spread;

  @Option(
      names = "--state",
      split = ",",
      defaultValue = "heap,rocksdb",
      description = "State backends: heap, rocksdb (default: ${DEFAULT-VALUE}).")
  List<String> states;

  @Option(
      names = "--patterns",
      split = ",",
      defaultValue = "1,all",
      description = "Pattern counts to run, e.g. 1,4,all (default: ${DEFAULT-VALUE}).")
  List<String> patternCounts;

  @Option(
      names = "--rate",
      defaultValue = "half",
      description =
          "Input rate of the paced run: half (of the same configuration's full speed), a fraction"
              + " such as 0.25x, events per second, or off (default: ${DEFAULT-VALUE}).")
  String rate;

  @Option(
      names = "--full-speed",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Run at full speed first (default: ${DEFAULT-VALUE}); --no-full-speed needs an absolute"
              + " --rate.")
  boolean fullSpeed;

  @Option(
      names = "--warmup",
      paramLabel = "SESSIONS",
      defaultValue = "2000",
      description =
          "Before measuring, run this many other sessions through the job with all patterns on"
              + " heap state, unmeasured, so that the JIT has compiled the job's code; 0 for none"
              + " (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Job option for every run, e.g. frictionflow.time.max-out-of-orderness=0s, or a Flink"
              + " setting as flink.KEY=VALUE.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--seed", defaultValue = "7")
  long seed;

  @Option(names = "--parallelism", defaultValue = "2")
  int parallelism;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Spec CommandSpec spec;

  /** State measured while the paced source holds with every session open. */
  record StateSize(long activeSessions, long checkpointBytes, long heapUsed, long heapDelta) {}

  /** One measured run. */
  record Row(
      String mode,
      String state,
      int patterns,
      long events,
      long signals,
      long runtimeMs,
      double eventsPerSecond,
      double rate,
      Percentiles delay,
      StateSize size) {}

  @Override
  public Integer call() throws Exception {
    var spreadDuration = io.frictionflow.pattern.Durations.parse(spread);
    if (spreadDuration == null) {
      throw new UsageException("--spread: expected a duration such as 20m");
    }
    for (String s : states) {
      if (!s.equals("heap") && !s.equals("rocksdb")) {
        throw new UsageException("--state: expected heap or rocksdb, got " + s);
      }
    }
    boolean paced = !rate.equalsIgnoreCase("off");
    if (paced) {
      try {
        PaceSchedule.resolve(rate, 1);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--rate: " + e.getMessage());
      }
    }
    if (!fullSpeed && (!paced || PaceSchedule.isRelative(rate))) {
      throw new UsageException("--no-full-speed needs an absolute --rate (events per second)");
    }
    JobSettings settings;
    try {
      settings = JobSettings.from(set).withoutWebhooks();
    } catch (InvalidConfigException e) {
      throw new UsageException("--set: " + e.getMessage());
    }
    List<PatternSpec> all = PatternCatalog.resolve(PatternCatalog.bundledDefinitions(), Map.of());
    Path dir = Files.createTempDirectory("frictionflow-bench");
    Path input = dir.resolve("events.jsonl");
    PrintWriter out = spec.commandLine().getOut();
    try {
      Workload w = Workload.write(input, seed, sessions, friction, spreadDuration.toMillis());
      out.printf(
          Locale.ROOT,
          "workload: %d sessions, %d events, %.0f%% with friction, seed %d; at full speed %d"
              + " sessions open at once at most (event time %s); parallelism %d%n%n",
          sessions,
          w.events(),
          friction * 100,
          seed,
          w.peakConcurrent(),
          Duration.ofMillis(w.eventTimeSpanMs()),
          parallelism);
      out.printf(
          "%-5s %-7s %8s %9s %8s %9s %9s %7s %7s %7s %7s %8s %8s%n",
          "mode",
          "state",
          "patterns",
          "events",
          "signals",
          "runtime",
          "events/s",
          "p50 ms",
          "p95 ms",
          "p99 ms",
          "max ms",
          "B/sess",
          "heap/s");
      if (warmup > 0) {
        // A JVM's first minute of Flink is mostly the JIT: a cold run measures it, not the job.
        // Heap state only: the code is the same but for the state backend, and RocksDB would
        // take ten times as long to warm up.
        Path warm = dir.resolve("warmup.jsonl");
        Workload ww = Workload.write(warm, seed + 1, warmup, friction, spreadDuration.toMillis());
        runFullSpeed(warm, ww.events(), "heap", all, settings);
      }
      List<Row> rows = new ArrayList<>();
      for (String state : states) {
        for (String count : patternCounts) {
          int n = count.equals("all") ? all.size() : Math.min(all.size(), Integer.parseInt(count));
          List<PatternSpec> patterns = pick(all, n);
          double measured = 0;
          if (fullSpeed) {
            Row r = runFullSpeed(input, w.events(), state, patterns, settings);
            rows.add(r);
            print(out, r);
            measured = r.eventsPerSecond();
          }
          if (paced) {
            PaceSchedule schedule = PaceSchedule.resolve(rate, measured);
            Row r = runPaced(input, w.events(), state, patterns, settings, schedule, dir);
            rows.add(r);
            print(out, r);
          }
        }
      }
      out.printf(
          "%nDelays exclude session_end signals (their delay is the emit step alone). B/sess:"
              + " savepoint bytes per open session; heap/s: heap in use after GC, above the"
              + " baseline before the run, per open session.%n");
      if (json != null) {
        Files.writeString(json, toJson(rows, w));
      }
    } finally {
      deleteTree(dir);
    }
    return 0;
  }

  private static void print(PrintWriter out, Row r) {
    out.printf(
        Locale.ROOT,
        "%-5s %-7s %8d %9d %8d %6d ms %9.0f %7.1f %7.1f %7.1f %7.1f %8s %8s%n",
        r.mode(),
        r.state(),
        r.patterns(),
        r.events(),
        r.signals(),
        r.runtimeMs(),
        r.eventsPerSecond(),
        r.delay().p50(),
        r.delay().p95(),
        r.delay().p99(),
        r.delay().max(),
        r.size() == null ? "-" : Long.toString(perSession(r.size().checkpointBytes(), r.size())),
        r.size() == null ? "-" : Long.toString(perSession(r.size().heapDelta(), r.size())));
    out.flush();
  }

  private static long perSession(long bytes, StateSize s) {
    return s.activeSessions() == 0 ? 0 : Math.round((double) bytes / s.activeSessions());
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

  private StreamExecutionEnvironment environment(String state, JobSettings settings, Path dir) {
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

  private Row runFullSpeed(
      Path input, long events, String state, List<PatternSpec> patterns, JobSettings settings)
      throws Exception {
    StreamExecutionEnvironment env = environment(state, settings, input.getParent());
    var raw =
        env.fromSource(
                FileSource.forRecordStreamFormat(
                        new ByteLinesFormat(settings.maxEventBytes()),
                        new org.apache.flink.core.fs.Path(input.toUri()))
                    .build(),
                WatermarkStrategy.noWatermarks(),
                "bench-events")
            .setParallelism(1)
            .uid("bench-events");
    var sink = new SignalSink();
    Topology.build(raw, settings, detectors(patterns), sink);
    var delays = delays(sink.signals());
    CloseableIterator<Long> it = delays.collectAsync();
    JobClient client = env.executeAsync("frictionflow-bench");
    Collected c = collect(it);
    JobExecutionResult result = client.getJobExecutionResult().get();
    long runtime = Math.max(1, result.getNetRuntime());
    return new Row(
        "full",
        state,
        patterns.size(),
        events,
        c.signals(),
        runtime,
        events * 1000.0 / runtime,
        0,
        Percentiles.ofMicros(c.delays()),
        null);
  }

  private Row runPaced(
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
    StreamExecutionEnvironment env = environment(state, settings, handshake);
    var decoded =
        env.fromSource(
                PacedSource.of(input, events, schedule, handshake),
                WatermarkStrategy.noWatermarks(),
                "bench-paced-events")
            .setParallelism(1)
            .uid("bench-paced-events")
            .map(new DecodeFunction(settings.decoder()))
            .setParallelism(1)
            .uid(Uids.DECODE)
            .name("decode")
            .assignTimestampsAndWatermarks(
                WallClockWatermarks.strategy(
                    settings.maxOutOfOrderness(), settings.watermarkStep()))
            .setParallelism(1)
            .uid(Uids.EVENT_TIME)
            .name("event-time");
    var sink = new SignalSink();
    Topology.buildDecoded(decoded, settings, detectors(patterns), sink);
    var delays = delays(sink.signals());
    CloseableIterator<Long> it = delays.collectAsync();
    JobClient client = env.executeAsync("frictionflow-bench-paced");
    CompletableFuture<Collected> collected =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return collect(it);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    StateSize size;
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
      size = new StateSize(sessions, treeBytes(savepoint), heap, heap - baseline);
    } finally {
      Files.writeString(handshake.resolve(PacedSource.RESUME), "");
    }
    Collected c = collected.get();
    JobExecutionResult result = client.getJobExecutionResult().get();
    return new Row(
        "paced",
        state,
        patterns.size(),
        events,
        c.signals(),
        result.getNetRuntime(),
        schedule.eventsPerSecond(),
        schedule.eventsPerSecond(),
        Percentiles.ofMicros(c.delays()),
        size);
  }

  private static List<Detector> detectors(List<PatternSpec> patterns) {
    return patterns.stream().map(Detector::of).toList();
  }

  /** Delay per signal in microseconds; -1 for session ends, whose delay is the emit step. */
  private static DataStream<Long> delays(DataStream<Signal> signals) {
    return signals.map(BenchCommand::delayMicros).uid("bench-delay").name("delay");
  }

  /** Signals counted, and the delays of those that have one. */
  private record Collected(long signals, long[] delays) {}

  private static Collected collect(CloseableIterator<Long> it) throws Exception {
    long signals = 0;
    long[] d = new long[1024];
    int n = 0;
    try (it) {
      while (it.hasNext()) {
        long v = it.next();
        signals++;
        if (v >= 0) {
          if (n == d.length) {
            d = java.util.Arrays.copyOf(d, n * 2);
          }
          d[n++] = v;
        }
      }
    }
    return new Collected(signals, java.util.Arrays.copyOf(d, n));
  }

  /**
   * Wall clock at the signal's emission minus wall clock when its deciding event entered the job.
   */
  private static long delayMicros(Signal s) {
    if (SessionFunction.SESSION_END.equals(s.patternId())) {
      return -1;
    }
    Instant now = Instant.now();
    return Math.max(
        0, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - s.decidedAtMicros());
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
      return files.filter(Files::isRegularFile).mapToLong(BenchCommand::size).sum();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private String toJson(List<Row> rows, Workload w) {
    var mapper = JsonMapper.builder().build();
    ObjectNode o = mapper.createObjectNode();
    o.put("events", w.events());
    o.put("sessions", w.sessions());
    o.put("peak_concurrent_sessions", w.peakConcurrent());
    o.put("event_time_span_ms", w.eventTimeSpanMs());
    o.put("parallelism", parallelism);
    ArrayNode a = o.putArray("runs");
    for (Row r : rows) {
      ObjectNode n = a.addObject();
      n.put("mode", r.mode());
      n.put("state", r.state());
      n.put("patterns", r.patterns());
      n.put("signals", r.signals());
      n.put("runtime_ms", r.runtimeMs());
      n.put("events_per_second", Math.round(r.eventsPerSecond()));
      if (r.mode().equals("paced")) {
        n.put("rate", Math.round(r.rate()));
      }
      ObjectNode d = n.putObject("detection_delay_ms");
      d.put("count", r.delay().count());
      d.put("p50", r.delay().p50());
      d.put("p95", r.delay().p95());
      d.put("p99", r.delay().p99());
      d.put("max", r.delay().max());
      if (r.size() != null) {
        ObjectNode s = n.putObject("state_size");
        s.put("active_sessions", r.size().activeSessions());
        s.put("checkpoint_bytes", r.size().checkpointBytes());
        s.put("checkpoint_bytes_per_session", perSession(r.size().checkpointBytes(), r.size()));
        s.put("heap_used_bytes", r.size().heapUsed());
        s.put("heap_delta_bytes", r.size().heapDelta());
        s.put("heap_delta_bytes_per_session", perSession(r.size().heapDelta(), r.size()));
      }
    }
    return o.toPrettyString();
  }
}
