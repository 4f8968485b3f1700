package io.frictionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static final Percentiles DELAY = new Percentiles(3, 1.25, 2.5, 3.0, 4.0);

  private static BenchRun full() {
    return new BenchRun("full", "heap", 4, 1000, 120, 250, 4000, 0, DELAY, null, null);
  }

  private static BenchRun paced() {
    var size = new BenchRun.StateSize(40, 4000, 90_000, 8000);
    return new BenchRun("paced", "rocksdb", 4, 1000, 120, 500, 2000, 2000, DELAY, size, null);
  }

  @Test
  void aFullSpeedRowHasNoStateColumns() {
    assertThat(BenchReport.row(full()))
        .isEqualTo(
            String.format(
                "full  heap           4      1000      120    250 ms      4000     1.3     2.5"
                    + "     3.0     4.0        -        -%n"));
  }

  @Test
  void aPacedRowShowsBytesPerOpenSession() {
    assertThat(BenchReport.row(paced())).endsWith("      100      200" + String.format("%n"));
  }

  @Test
  void theHeaderNamesEveryColumnOfARow() {
    assertThat(BenchReport.header().split(" +"))
        .startsWith("mode", "state", "patterns", "events", "signals", "runtime", "events/s");
  }

  @Test
  void jsonHasTheWorkloadAndStateOnlyForPacedRuns() throws Exception {
    var result = new BenchResult(new Workload(1000, 40, 12, 60_000), 2, List.of(full(), paced()));
    JsonNode o = JsonMapper.builder().build().readTree(BenchReport.json(result));
    assertThat(o.get("events").asLong()).isEqualTo(1000);
    assertThat(o.get("sessions").asInt()).isEqualTo(40);
    assertThat(o.get("peak_concurrent_sessions").asInt()).isEqualTo(12);
    assertThat(o.get("event_time_span_ms").asLong()).isEqualTo(60_000);
    assertThat(o.get("parallelism").asInt()).isEqualTo(2);
    JsonNode full = o.get("runs").get(0);
    assertThat(full.has("rate")).isFalse();
    assertThat(full.has("state_size")).isFalse();
    assertThat(full.get("events_per_second").asLong()).isEqualTo(4000);
    assertThat(full.get("detection_delay_ms").get("p50").asDouble()).isEqualTo(1.25);
    JsonNode paced = o.get("runs").get(1);
    assertThat(paced.get("rate").asLong()).isEqualTo(2000);
    JsonNode state = paced.get("state_size");
    assertThat(state.get("checkpoint_bytes_per_session").asLong()).isEqualTo(100);
    assertThat(state.get("heap_delta_bytes_per_session").asLong()).isEqualTo(200);
    assertThat(state.get("heap_used_bytes").asLong()).isEqualTo(90_000);
  }

  @Test
  void jsonAccountsForEveryEventSentAndWarnsWhenItDoesNotAddUp() throws Exception {
    var fine = new BenchRun.Accounting(1040, 1040, 1000, 30, 10, 0);
    var off = new BenchRun.Accounting(1040, 1039, 1000, 30, 10, 0);
    BenchRun paced =
        new BenchRun("paced", "heap", 1, 1040, 120, 500, 2000, 2000, DELAY, paced().size(), fine);
    var result = new BenchResult(new Workload(1000, 40, 12, 60_000, 40), 2, List.of(paced));
    JsonNode o = JsonMapper.builder().build().readTree(BenchReport.json(result));
    assertThat(o.get("paced_retried_copies").asLong()).isEqualTo(40);
    JsonNode a = o.get("runs").get(0).get("events_accounting");
    assertThat(a.get("sent").asLong()).isEqualTo(1040);
    assertThat(a.get("duplicate").asLong()).isEqualTo(30);
    assertThat(a.get("late").asLong()).isEqualTo(10);
    assertThat(a.get("adds_up").asBoolean()).isTrue();
    assertThat(fine.addsUp()).isTrue();
    assertThat(off.addsUp()).isFalse();
    assertThat(BenchReport.accountingWarning(paced)).isEmpty();
    assertThat(
            BenchReport.accountingWarning(
                new BenchRun("paced", "heap", 1, 1040, 120, 500, 2000, 2000, DELAY, null, off)))
        .contains("do not add up")
        .contains("read 1039");
    assertThat(BenchReport.accountingWarning(full())).isEmpty();
  }

  @Test
  void noOpenSessionIsZeroPerSession() {
    assertThat(new BenchRun.StateSize(0, 4000, 1, 1).perSession(4000)).isZero();
  }
}
