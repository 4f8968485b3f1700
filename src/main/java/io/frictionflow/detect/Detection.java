package io.frictionflow.detect;

import io.frictionflow.event.Event;
import io.frictionflow.pattern.PatternUpdate;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Wires detection: one {@link DetectOperator} (uid {@value #UID}) for every pattern, then one
 * {@link FirePoliciesFunction} (uid {@value #FIRE_UID}), both keyed by session on the partition of
 * their input, with no exchange in between.
 */
public final class Detection {
  /** The detector's uid. */
  public static final String UID = "detect";

  /** The fire-policy operator's uid. */
  public static final String FIRE_UID = "detect-fire";

  private Detection() {}

  /**
   * What detection produces: the signals after the fire policies, the events it found late, and
   * with a live catalog what it did with each pattern update (else null).
   */
  public record Streams(
      DataStream<Signal> signals, DataStream<Event> late, DataStream<PatternStatus> status) {}

  /**
   * Pattern updates for a running detector ({@link DetectOperator#live}).
   *
   * @param updates broadcast to every detector subtask; one source, in order
   * @param params the job's {@code --param} settings, bound to every update
   */
  public record Updates(DataStream<PatternUpdate> updates, Map<String, String> params) {}

  /**
   * @param events events partitioned by session id (a keyed stream, or one still on a keyed
   *     partition, e.g. the output of a keyed operator)
   * @param sessionTimeout clears a session's detector state after this long without events (or its
   *     longest window, if longer), and ends fire-policy memory as today
   * @param late the tag of the late output ({@code OutputTags.LATE})
   */
  public static Streams build(
      DataStream<Event> events,
      List<HostedPattern> patterns,
      DetectMode mode,
      Duration sessionTimeout,
      OutputTag<Event> late) {
    return build(
        events, patterns, mode, sessionTimeout, late, DetectOperator.DEFAULT_CACHE_SESSIONS, null);
  }

  /**
   * As {@link #build(DataStream, List, DetectMode, Duration, OutputTag)}, with the detector's
   * session cache size and, optionally, pattern updates while the job runs.
   *
   * @param cacheSessions the most sessions whose state the detector keeps on the heap in front of a
   *     backend other than the heap ({@code frictionflow.detect.cache-sessions}); 0 for none
   * @param live pattern updates while the job runs, or null for the patterns given only
   */
  public static Streams build(
      DataStream<Event> events,
      List<HostedPattern> patterns,
      DetectMode mode,
      Duration sessionTimeout,
      OutputTag<Event> late,
      int cacheSessions,
      Updates live) {
    KeyedStream<Event, String> keyed =
        events instanceof KeyedStream<Event, ?> k
            ? asStringKeyed(k)
            : DataStreamUtils.reinterpretAsKeyedStream(events, Event::sessionId);
    DetectOperator operator =
        new DetectOperator(patterns, mode, sessionTimeout, late, cacheSessions);
    String name = "detect (" + patterns.size() + " patterns, " + mode.name().toLowerCase() + ")";
    SingleOutputStreamOperator<Signal> detected;
    if (live == null) {
      detected = keyed.transform("detect", TypeInformation.of(Signal.class), operator);
    } else {
      // Same uid and keyed state: a savepoint of the one-input detector restores into this one.
      detected =
          keyed
              .connect(live.updates().broadcast())
              .transform("detect", TypeInformation.of(Signal.class), operator.live(live.params()));
      name = name.replace(")", ", live catalog)");
    }
    detected.uid(UID).name(name);
    DataStream<Signal> fired =
        DataStreamUtils.reinterpretAsKeyedStream(detected, Signal::sessionId)
            .process(new FirePoliciesFunction(patterns, sessionTimeout))
            .uid(FIRE_UID)
            .name("fire policies");
    return new Streams(
        fired,
        detected.getSideOutput(late),
        live == null ? null : detected.getSideOutput(DetectOperator.STATUS));
  }

  @SuppressWarnings("unchecked")
  private static KeyedStream<Event, String> asStringKeyed(KeyedStream<Event, ?> k) {
    return (KeyedStream<Event, String>) k;
  }
}
