package io.frictionflow.cli;

import io.frictionflow.bench.BenchOptions;
import io.frictionflow.bench.BenchReport;
import io.frictionflow.bench.BenchResult;
import io.frictionflow.bench.BenchRun;
import io.frictionflow.bench.BenchRunner;
import io.frictionflow.bench.Disorder;
import io.frictionflow.bench.PaceSchedule;
import io.frictionflow.bench.Workload;
import io.frictionflow.config.InvalidConfigException;
import io.frictionflow.config.JobSettings;
import io.frictionflow.pattern.Durations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: checks its options, runs {@link BenchRunner} (the whole pipeline in an embedded
 * Flink over generated sessions, per state backend and pattern count) and prints a table line per
 * run as it ends, and the result as JSON when asked.
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

  @Option(
      names = "--disorder",
      defaultValue = "realistic",
      description =
          "How the paced run's events arrive: realistic (a second tab's batches up to 1.5 s late,"
              + " 2%% of batches retried 0.5-4 s later) or none (in order, once)"
              + " (default: ${DEFAULT-VALUE}).")
  String disorder;

  @Option(names = "--seed", defaultValue = "7")
  long seed;

  @Option(names = "--parallelism", defaultValue = "2")
  int parallelism;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    BenchOptions options = options();
    PrintWriter out = spec.commandLine().getOut();
    BenchResult result =
        new BenchRunner(options)
            .run(
                new BenchRunner.Progress() {
                  @Override
                  public void workload(Workload w) {
                    out.print(BenchReport.workload(options, w));
                    out.print(BenchReport.header());
                    out.flush();
                  }

                  @Override
                  public void measured(BenchRun run) {
                    out.print(BenchReport.row(run));
                    out.print(BenchReport.accountingWarning(run));
                    out.flush();
                  }
                });
    out.print(BenchReport.footer());
    out.flush();
    if (json != null) {
      Files.writeString(json, BenchReport.json(result));
    }
    return 0;
  }

  /** The options checked, each refusal naming its option. */
  private BenchOptions options() {
    Duration spreadDuration = Durations.parse(spread);
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
    try {
      Disorder.of(disorder, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--disorder: " + e.getMessage());
    }
    JobSettings settings;
    try {
      settings = JobSettings.from(set).withoutWebhooks();
    } catch (InvalidConfigException e) {
      throw new UsageException("--set: " + e.getMessage());
    }
    return new BenchOptions(
        sessions,
        friction,
        spreadDuration,
        states,
        patternCounts,
        rate,
        fullSpeed,
        warmup,
        settings,
        seed,
        parallelism,
        disorder);
  }
}
