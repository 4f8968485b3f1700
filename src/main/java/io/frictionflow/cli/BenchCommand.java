package io.frictionflow.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.config.JobSettings;
import io.frictionflow.job.Detector;
import io.frictionflow.job.Topology;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.sample.SessionGenerator;
import io.frictionflow.signal.Signal;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the whole pipeline (decode, event time, dedupe, patterns, intent and context) in
 * an embedded Flink over a seeded workload of generated sessions, at full speed, for each state
 * backend and pattern count asked for. Reports throughput and detection delay.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks the full pipeline on generated sessions at full speed: throughput and"
            + " detection delay per state backend and number of patterns (docs/performance.md).")
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--sessions",
      defaultValue = "2000",
      description = "Sessions to generate (default: ${DEFAULT-VALUE}).")
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
          "Event time over which sessions start: fewer minutes, more concurrent sessions (default: ${DEFAULT-VALUE}).")
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
      defaultValue = "1,4,all",
      description = "Pattern counts to run (default: ${DEFAULT-VALUE}).")
  List<String> patternCounts;

  @Option(names = "--seed", defaultValue = "7")
  long seed;

  @Option(names = "--parallelism", defaultValue = "2")
  int parallelism;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Spec CommandSpec spec;

  /** One measured configuration. */
  record Row(
      String state,
      int patterns,
      long events,
      long signals,
      long runtimeMs,
      double eventsPerSecond,
      double[] delayMs) {}

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
    List<PatternSpec> all = PatternCatalog.resolve(PatternCatalog.bundledDefinitions(), Map.of());
    Path input = Files.createTempFile("frictionflow-bench", ".jsonl");
    PrintWriter out = spec.commandLine().getOut();
    try {
      SessionGenerator gen =
          new SessionGenerator(seed, Instant.parse("2026-03-02T09:00:00Z").toEpochMilli());
      List<String> lines = new ArrayList<>();
      SessionGenerator.interleave(gen.sessions(sessions, friction, spreadDuration.toMillis()))
          .forEach(e -> lines.add(e.toString()));
      Files.write(input, lines, StandardCharsets.UTF_8);
      out.printf(
          "workload: %d sessions, %d events, %.0f%% with friction, seed %d; parallelism %d%n%n",
          sessions, lines.size(), friction * 100, seed, parallelism);
      out.printf(
          "%-8s %8s %9s %8s %10s %12s %8s %8s %8s %8s%n",
          "state",
          "patterns",
          "events",
          "signals",
          "runtime",
          "events/s",
          "p50 ms",
          "p95 ms",
          "p99 ms",
          "max ms");
      List<Row> rows = new ArrayList<>();
      for (String state : states) {
        for (String count : patternCounts) {
          int n = count.equals("all") ? all.size() : Math.min(all.size(), Integer.parseInt(count));
          Row r = run(input, lines.size(), state, pick(all, n));
          rows.add(r);
          out.printf(
              Locale.ROOT,
              "%-8s %8d %9d %8d %8d ms %12.0f %8.1f %8.1f %8.1f %8.1f%n",
              r.state(),
              r.patterns(),
              r.events(),
              r.signals(),
              r.runtimeMs(),
              r.eventsPerSecond(),
              r.delayMs()[0],
              r.delayMs()[1],
              r.delayMs()[2],
              r.delayMs()[3]);
          out.flush();
        }
      }
      if (json != null) {
        Files.writeString(json, toJson(rows, lines.size()));
      }
    } finally {
      Files.deleteIfExists(input);
    }
    return 0;
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

  private Row run(Path input, long events, String state, List<PatternSpec> patterns)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.setString("state.backend.type", state.equals("heap") ? "hashmap" : "rocksdb");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    var raw =
        env.fromSource(
                FileSource.forRecordStreamFormat(
                        new TextLineInputFormat(), new org.apache.flink.core.fs.Path(input.toUri()))
                    .build(),
                WatermarkStrategy.noWatermarks(),
                "bench-events")
            .setParallelism(1)
            .uid("bench-events");
    JobSettings settings = JobSettings.defaults().withoutWebhooks();
    var detectors = patterns.stream().map(Detector::of).toList();
    var delays =
        Topology.build(raw, settings, detectors)
            .signals()
            .map(BenchCommand::delayMicros)
            .uid("bench-delay")
            .name("delay");
    List<Long> collected = new ArrayList<>();
    CloseableIterator<Long> it = delays.collectAsync();
    JobClient client = env.executeAsync("frictionflow-bench");
    while (it.hasNext()) {
      collected.add(it.next());
    }
    JobExecutionResult result = client.getJobExecutionResult().get();
    long runtime = Math.max(1, result.getNetRuntime());
    long[] d = collected.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Row(
        state,
        patterns.size(),
        events,
        d.length,
        runtime,
        events * 1000.0 / runtime,
        new double[] {
          pct(d, 0.50), pct(d, 0.95), pct(d, 0.99), d.length == 0 ? 0 : d[d.length - 1] / 1000.0
        });
  }

  /**
   * Wall clock at the signal's emission minus wall clock when its deciding event entered the job.
   */
  private static long delayMicros(Signal s) {
    Instant now = Instant.now();
    return Math.max(
        0, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - s.decidedAtMicros());
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1000.0;
  }

  private static String toJson(List<Row> rows, long events) {
    var mapper = JsonMapper.builder().build();
    ObjectNode o = mapper.createObjectNode();
    o.put("events", events);
    ArrayNode a = o.putArray("runs");
    for (Row r : rows) {
      ObjectNode n = a.addObject();
      n.put("state", r.state());
      n.put("patterns", r.patterns());
      n.put("signals", r.signals());
      n.put("runtime_ms", r.runtimeMs());
      n.put("events_per_second", Math.round(r.eventsPerSecond()));
      ObjectNode d = n.putObject("detection_delay_ms");
      d.put("p50", r.delayMs()[0]);
      d.put("p95", r.delayMs()[1]);
      d.put("p99", r.delayMs()[2]);
      d.put("max", r.delayMs()[3]);
    }
    return o.toPrettyString();
  }
}
