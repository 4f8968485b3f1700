package io.frictionflow.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;

/** The bench's report: a table line per run as it ends, and the whole result as JSON. Pure Java. */
public final class BenchReport {
  private BenchReport() {}

  /** The line that describes the workload, then a blank line. */
  public static String workload(BenchOptions options, Workload w) {
    return String.format(
        Locale.ROOT,
        "workload: %d sessions, %d events, %.0f%% with friction, seed %d; at full speed %d"
            + " sessions open at once at most (event time %s); parallelism %d; paced input:"
            + " disorder %s (%d retried copies)%n%n",
        options.sessions(),
        w.events(),
        options.friction() * 100,
        options.seed(),
        w.peakConcurrent(),
        Duration.ofMillis(w.eventTimeSpanMs()),
        options.parallelism(),
        options.disorder(),
        w.retriedCopies());
  }

  /** The table's header line. */
  public static String header() {
    return String.format(
        Locale.ROOT,
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
  }

  /** The table line of one run. */
  public static String row(BenchRun r) {
    return String.format(
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
        r.size() == null ? "-" : Long.toString(r.size().perSession(r.size().checkpointBytes())),
        r.size() == null ? "-" : Long.toString(r.size().perSession(r.size().heapDelta())));
  }

  /**
   * A warning line when {@code r}'s events do not add up (sent = read = used + duplicate + late +
   * failed), else nothing.
   */
  public static String accountingWarning(BenchRun r) {
    BenchRun.Accounting a = r.accounting();
    if (a == null || a.addsUp()) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "  warning: events do not add up: sent %d, read %d, used %d + duplicate %d + late %d +"
            + " failed %d%n",
        a.sent(),
        a.read(),
        a.used(),
        a.duplicate(),
        a.late(),
        a.failed());
  }

  /** What the columns that need it mean, after a blank line. */
  public static String footer() {
    return String.format(
        "%nDelays exclude session_end signals (their delay is the emit step alone). B/sess:"
            + " savepoint bytes per open session; heap/s: heap in use after GC, above the"
            + " baseline before the run, per open session.%n");
  }

  /** The whole result as pretty-printed JSON (docs/performance.md). */
  public static String json(BenchResult result) {
    Workload w = result.workload();
    var mapper = JsonMapper.builder().build();
    ObjectNode o = mapper.createObjectNode();
    o.put("events", w.events());
    o.put("sessions", w.sessions());
    o.put("peak_concurrent_sessions", w.peakConcurrent());
    o.put("event_time_span_ms", w.eventTimeSpanMs());
    o.put("parallelism", result.parallelism());
    o.put("paced_retried_copies", w.retriedCopies());
    ArrayNode a = o.putArray("runs");
    for (BenchRun r : result.runs()) {
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
      BenchRun.Accounting acc = r.accounting();
      if (acc != null) {
        ObjectNode e = n.putObject("events_accounting");
        e.put("sent", acc.sent());
        e.put("read", acc.read());
        e.put("used", acc.used());
        e.put("duplicate", acc.duplicate());
        e.put("late", acc.late());
        e.put("failed", acc.failed());
        e.put("adds_up", acc.addsUp());
      }
      BenchRun.StateSize size = r.size();
      if (size != null) {
        ObjectNode s = n.putObject("state_size");
        s.put("active_sessions", size.activeSessions());
        s.put("checkpoint_bytes", size.checkpointBytes());
        s.put("checkpoint_bytes_per_session", size.perSession(size.checkpointBytes()));
        s.put("heap_used_bytes", size.heapUsed());
        s.put("heap_delta_bytes", size.heapDelta());
        s.put("heap_delta_bytes_per_session", size.perSession(size.heapDelta()));
      }
    }
    return o.toPrettyString();
  }
}
