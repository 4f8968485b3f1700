package io.frictionflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.TestClusters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the benchmark harness working; asserts what it reports, never how fast. */
class BenchITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestClusters.flink();

  @TempDir Path dir;

  /** Runs the bench command; its standard output goes to {@code out}. */
  private static int bench(StringWriter out, String... args) {
    String[] line = new String[args.length + 1];
    line[0] = "bench";
    System.arraycopy(args, 0, line, 1, args.length);
    return FrictionFlow.execute(
        new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), line);
  }

  @Test
  void benchRunsTheFullPipelineAtFullSpeedAndPacedAndReportsEveryConfiguration() throws Exception {
    Path json = dir.resolve("bench.json");
    StringWriter out = new StringWriter();
    int code =
        bench(
            out,
            "--sessions",
            "40",
            "--state",
            "heap,rocksdb",
            "--patterns",
            "1,all",
            "--rate",
            "half",
            "--warmup",
            "10",
            "--json",
            json.toString());
    assertThat(code).as(out.toString()).isZero();
    JsonNode r = JsonMapper.builder().build().readTree(json.toFile());
    assertThat(r.get("events").asLong()).isPositive();
    assertThat(r.get("peak_concurrent_sessions").asInt()).isBetween(1, 40);
    // Two backends, two pattern counts, full speed then paced.
    assertThat(r.get("runs")).hasSize(8);
    for (JsonNode run : r.get("runs")) {
      // Every session ends once: at least one signal per session.
      assertThat(run.get("signals").asLong()).as(run.toString()).isGreaterThanOrEqualTo(40);
      assertThat(run.get("events_per_second").asLong()).isPositive();
      JsonNode delay = run.get("detection_delay_ms");
      assertThat(delay.get("count").asLong()).as(run.toString()).isPositive();
      assertThat(delay.get("p99").asDouble()).isGreaterThanOrEqualTo(delay.get("p50").asDouble());
      assertThat(delay.get("max").asDouble()).isGreaterThanOrEqualTo(delay.get("p99").asDouble());
      // Every record sent was read and left as exactly one of used, duplicate, late, failed.
      JsonNode acc = run.get("events_accounting");
      assertThat(acc.get("adds_up").asBoolean()).as(acc.toString()).isTrue();
      assertThat(acc.get("failed").asLong()).isZero();
    }
    long events = r.get("events").asLong();
    long copies = r.get("paced_retried_copies").asLong();
    // The default disorder retries some batches in the paced run.
    assertThat(copies).isPositive();
    for (int i = 0; i < 8; i += 2) {
      JsonNode full = r.get("runs").get(i);
      JsonNode paced = r.get("runs").get(i + 1);
      assertThat(full.get("mode").asText()).isEqualTo("full");
      assertThat(paced.get("mode").asText()).isEqualTo("paced");
      assertThat(paced.get("state").asText()).isEqualTo(full.get("state").asText());
      // Half of the same configuration's measured full speed.
      assertThat(paced.get("rate").asLong())
          .isBetween(
              full.get("events_per_second").asLong() / 2 - 1,
              full.get("events_per_second").asLong() / 2 + 1);
      JsonNode state = paced.get("state_size");
      assertThat(state.get("active_sessions").asLong()).isEqualTo(40);
      assertThat(state.get("checkpoint_bytes").asLong()).isPositive();
      assertThat(state.get("checkpoint_bytes_per_session").asLong()).isPositive();
      assertThat(state.get("heap_used_bytes").asLong()).isPositive();
      // At full speed the file in order, once; paced, the second tab's delays stay inside the
      // default 2 s bound (no event is late) and each retried copy is dropped as a duplicate or,
      // behind the watermark, sent to the late output.
      JsonNode f = full.get("events_accounting");
      assertThat(f.get("sent").asLong()).isEqualTo(events);
      assertThat(f.get("used").asLong()).isEqualTo(events);
      JsonNode p = paced.get("events_accounting");
      assertThat(p.get("sent").asLong()).isEqualTo(events + copies);
      assertThat(p.get("used").asLong()).as(p.toString()).isEqualTo(events);
      assertThat(p.get("duplicate").asLong() + p.get("late").asLong())
          .as(p.toString())
          .isEqualTo(copies);
    }
    assertThat(out.toString()).contains("rocksdb").contains("events/s").contains("paced");
  }

  @Test
  void anAbsoluteRateNeedsNoFullSpeedRun() throws Exception {
    Path json = dir.resolve("paced.json");
    StringWriter out = new StringWriter();
    int code =
        bench(
            out,
            "--sessions",
            "20",
            "--state",
            "heap",
            "--patterns",
            "4",
            "--no-full-speed",
            "--warmup",
            "0",
            "--rate",
            "2000",
            "--set",
            "frictionflow.time.max-out-of-orderness=0s",
            "--json",
            json.toString());
    assertThat(code).as(out.toString()).isZero();
    JsonNode runs = JsonMapper.builder().build().readTree(json.toFile()).get("runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("mode").asText()).isEqualTo("paced");
    assertThat(runs.get(0).get("rate").asLong()).isEqualTo(2000);
    JsonNode acc = runs.get(0).get("events_accounting");
    assertThat(acc.get("adds_up").asBoolean()).as(acc.toString()).isTrue();
  }

  @Test
  void anUnknownDisorderIsAUsageError() {
    StringWriter err = new StringWriter();
    int code =
        FrictionFlow.execute(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            "bench",
            "--disorder",
            "chaos");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--disorder: expected realistic or none");
  }

  @Test
  void aRelativeRateWithoutTheFullSpeedRunIsAUsageError() {
    StringWriter err = new StringWriter();
    int code =
        FrictionFlow.execute(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            "bench",
            "--no-full-speed",
            "--rate",
            "half");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--no-full-speed needs an absolute --rate");
  }
}
