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

  @Test
  void benchRunsTheFullPipelineAndReportsEveryConfiguration() throws Exception {
    Path json = dir.resolve("bench.json");
    StringWriter out = new StringWriter();
    int code =
        FrictionFlow.execute(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            "bench",
            "--sessions",
            "40",
            "--state",
            "heap,rocksdb",
            "--patterns",
            "1,all",
            "--json",
            json.toString());
    assertThat(code).as(out.toString()).isZero();
    JsonNode r = JsonMapper.builder().build().readTree(json.toFile());
    assertThat(r.get("events").asLong()).isPositive();
    assertThat(r.get("runs")).hasSize(4);
    for (JsonNode run : r.get("runs")) {
      // Every session ends once: at least one signal per session.
      assertThat(run.get("signals").asLong()).isGreaterThanOrEqualTo(40);
      assertThat(run.get("events_per_second").asLong()).isPositive();
      assertThat(run.get("detection_delay_ms").get("p99").asDouble())
          .isGreaterThanOrEqualTo(run.get("detection_delay_ms").get("p50").asDouble());
    }
    assertThat(out.toString()).contains("rocksdb").contains("events/s");
  }
}
