package io.frictionflow.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.event.format.RrwebSession;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stateful rrweb decoding, per session, right after the source: maps each rrweb record again with
 * its session's {@link RrwebSession} (node tree, page, viewport, scroll offsets), so that Kafka
 * events get the target tag, path and text, the scroll {@code dy}, the page and the viewport a
 * recording file gives. The source has already decoded and checked the record (statelessly); this
 * only enriches it, and drops the record's text. Should the second mapping fail (it reads the same
 * fields the first did), the source's event passes on unchanged and {@code rrweb_unmapped} counts
 * it.
 *
 * <p>State: the session's {@link RrwebSession} (bounded: {@code NodeTree.MAX_NODES} nodes, about
 * {@code NodeTree.MAX_BYTES} bytes, a few hundred scroll offsets) and its newest event time.
 * Cleared at session end, as the session operator sees it: an <b>event-time</b> timer, rounded up
 * to the second, fires once the watermark passes the newest event time plus the session timeout.
 */
public final class RrwebTreeFunction extends KeyedProcessFunction<String, Decoded, Decoded> {
  private static final long TIMER_GRANULARITY_MS = 1000;

  private final DecoderSettings settings;
  private final long timeoutMs;
  private transient EventDecoder decoder;
  private transient ValueState<RrwebSession> tree;
  private transient ValueState<Long> newest;
  private transient Counter unmapped;

  /**
   * @param settings the source's decoder settings (for the canonical decode of the mapped event)
   * @param sessionTimeout event time without an event after which the state is cleared
   */
  public RrwebTreeFunction(DecoderSettings settings, Duration sessionTimeout) {
    this.settings = settings;
    this.timeoutMs = sessionTimeout.toMillis();
  }

  /** The key: the session id; rejected records (none should come) share one key. */
  public static String key(Decoded d) {
    return d.event() == null ? "" : d.event().sessionId();
  }

  @Override
  public void open(OpenContext openContext) {
    decoder = new EventDecoder(settings);
    tree =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("rrweb-tree", RrwebSessionSerializer.INSTANCE));
    newest = getRuntimeContext().getState(new ValueStateDescriptor<>("rrweb-newest", Types.LONG));
    unmapped =
        getRuntimeContext().getMetricGroup().addGroup("frictionflow").counter("rrweb_unmapped");
  }

  @Override
  public void processElement(Decoded d, Context ctx, Collector<Decoded> out) throws Exception {
    Event e = d.event();
    if (e == null || d.record() == null) {
      out.collect(d.withEvent(e));
      return;
    }
    RrwebSession session = tree.value();
    if (session == null) {
      session = new RrwebSession();
    }
    Event mapped = e;
    try {
      ObjectNode canonical = session.map(d.record(), e.sessionId(), e.eventId());
      mapped = decoder.decode(canonical, e.ingestedAtMicros());
    } catch (DecodeException x) {
      unmapped.inc();
    }
    tree.update(session);
    Long last = newest.value();
    if (last == null || e.time() > last) {
      newest.update(e.time());
      long end = e.time() + timeoutMs;
      ctx.timerService()
          .registerEventTimeTimer(
              Math.floorDiv(end + TIMER_GRANULARITY_MS - 1, TIMER_GRANULARITY_MS)
                  * TIMER_GRANULARITY_MS);
    }
    out.collect(d.withEvent(mapped));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decoded> out) throws Exception {
    Long last = newest.value();
    if (last == null || last + timeoutMs <= timestamp) {
      tree.clear();
      newest.clear();
    }
  }
}
