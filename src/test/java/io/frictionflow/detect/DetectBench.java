package io.frictionflow.detect;

import io.frictionflow.bench.Workload;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.sample.SessionStream;
import io.frictionflow.signal.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * A detector-only throughput harness (not a test; run by hand, see {@code docs/performance.md},
 * "Detector alone"): the bench workload ({@link SessionStream}, seed 7, friction 0.25, 20 min
 * spread) decoded and fed to one {@link DetectOperator} with all catalog patterns in a {@link
 * KeyedOneInputStreamOperatorTestHarness}, a watermark 2 s (the production bound) behind the newest
 * event every 1,000 events. Only the time inside the operator's calls is counted (the generator and
 * decoder are not). After the last event and before the final watermark, every session is open in
 * state: a canonical savepoint of the operator gives the state per session.
 *
 * <p>{@code java -cp ... io.frictionflow.detect.DetectBench <heap|rocksdb> <eager|strict>
 * <sessions> [cache-sessions]}
 */
public final class DetectBench {
  private DetectBench() {}

  public static void main(String[] args) throws Exception {
    String state = args[0];
    DetectMode mode = DetectMode.valueOf(args[1].toUpperCase());
    int sessions = Integer.parseInt(args[2]);
    int cache = args.length > 3 ? Integer.parseInt(args[3]) : -1;
    List<PatternSpec> specs =
        PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of());
    DetectOperator op =
        new DetectOperator(
            specs.stream().map(HostedPattern::of).toList(),
            mode,
            Duration.ofMinutes(30),
            new OutputTag<Event>("late") {},
            cache < 0 ? DetectOperator.DEFAULT_CACHE_SESSIONS : cache);
    op.cacheOnHeap = cache > 0;
    var h = new KeyedOneInputStreamOperatorTestHarness<>(op, Event::sessionId, Types.STRING);
    if (state.equals("rocksdb")) {
      h.setStateBackend(new EmbeddedRocksDBStateBackend());
    }
    Path dir = java.nio.file.Files.createTempDirectory("detect-bench");
    h.setCheckpointStorage(
        new org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage(dir.toUri()));
    h.setup();
    h.open();
    EventDecoder decoder = new EventDecoder(1 << 16);
    SessionStream stream =
        new SessionStream(7, Workload.START, sessions, 0.25, Duration.ofMinutes(20).toMillis());
    long inOp = 0;
    long events = 0;
    long maxTs = Long.MIN_VALUE;
    long signals = 0;
    long wall = System.nanoTime();
    long reportAt = wall + 10_000_000_000L;
    while (stream.hasNext()) {
      SessionStream.Generated g = stream.next();
      Event e = decoder.decodeRecord(g.json().getBytes(StandardCharsets.UTF_8), g.ts(), 0);
      maxTs = Math.max(maxTs, e.time());
      long t0 = System.nanoTime();
      h.processElement(new StreamRecord<>(e, e.time()));
      if (++events % 1000 == 0) {
        h.processWatermark(maxTs - 2000 - 1);
      }
      long t1 = System.nanoTime();
      inOp += t1 - t0;
      if (t1 > reportAt) {
        reportAt = t1 + 10_000_000_000L;
        System.err.printf(
            "... %d events, %.0f events/s in the operator%n", events, events / (inOp / 1e9));
        signals += drain(h);
      }
    }
    signals += drain(h);
    double rate = events / (inOp / 1e9);
    String sessionState =
        op.stateCache() != null ? SessionStateCache.STATE : DetectOperator.PROGRESS_STATE;
    long loads = op.stateCache() == null ? 0 : op.stateCache().loads();
    long t0 = System.nanoTime();
    h.prepareSnapshotPreBarrier(1);
    OperatorSubtaskState snap =
        h.snapshotWithLocalState(1, 1, SavepointType.savepoint(SavepointFormatType.CANONICAL))
            .getJobManagerOwnedState();
    long snapMs = (System.nanoTime() - t0) / 1_000_000;
    long bytes = snap.getStateSize();
    long keys = op.getKeyedStateBackend().getKeys(sessionState, VoidNamespace.INSTANCE).count();
    h.processWatermark(maxTs + Duration.ofHours(3).toMillis());
    signals += drain(h);
    op.flushStateCache();
    long left = op.getKeyedStateBackend().getKeys(sessionState, VoidNamespace.INSTANCE).count();
    System.out.printf(
        "{\"state\":\"%s\",\"mode\":\"%s\",\"sessions\":%d,\"cache_sessions\":%d,\"events\":%d,"
            + "\"events_per_second\":%.0f,\"wall_s\":%.1f,\"sessions_in_state\":%d,"
            + "\"savepoint_bytes\":%d,\"bytes_per_session\":%.0f,\"snapshot_ms\":%d,"
            + "\"signals\":%d,\"sessions_left\":%d,\"cache_loads\":%d}%n",
        state,
        mode.name().toLowerCase(),
        sessions,
        cache,
        events,
        rate,
        (System.nanoTime() - wall) / 1e9,
        keys,
        bytes,
        keys == 0 ? 0.0 : (double) bytes / keys,
        snapMs,
        signals,
        left,
        loads);
    h.close();
    // FlinkCEP's shared buffers leave non-daemon cache-statistics timers behind.
    System.exit(0);
  }

  private static long drain(KeyedOneInputStreamOperatorTestHarness<String, Event, Signal> h) {
    long n = h.getOutput().stream().filter(o -> o instanceof StreamRecord<?>).count();
    h.getOutput().clear();
    return n;
  }
}
