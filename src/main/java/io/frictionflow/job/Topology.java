package io.frictionflow.job;

import io.frictionflow.config.JobSettings;
import io.frictionflow.detect.DetectMode;
import io.frictionflow.detect.Detection;
import io.frictionflow.detect.HostedPattern;
import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.ingest.ByteLinesFormat;
import io.frictionflow.ingest.DecodeFunction;
import io.frictionflow.ingest.Decoded;
import io.frictionflow.ingest.DedupeFunction;
import io.frictionflow.ingest.EagerWatermarks;
import io.frictionflow.ingest.OutputTags;
import io.frictionflow.ingest.RouteFailedFunction;
import io.frictionflow.session.SessionFunction;
import io.frictionflow.signal.Signal;
import io.frictionflow.webhook.DeliveryResult;
import io.frictionflow.webhook.Webhooks;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The whole deployed dataflow in one method, {@link #buildDecoded}, top to bottom and sinks
 * included; sources and {@link Sinks} are the caller's, so the cluster job ({@code
 * kafka.KafkaJob}), the bounded local run ({@code local.LocalJob}), the benchmark and the tests all
 * run this same graph. Operator by operator, with their uids ({@link Uids}):
 *
 * <ol>
 *   <li>(the caller's source; for JSON lines as bytes {@link #decodeLines} adds {@code decode},
 *       {@code DecodeFunction}, and {@code event-time}, {@code EagerWatermarks})
 *   <li>{@code route-failed}, {@code RouteFailedFunction}: rejected records to the failed output,
 *       redacted unless raw payloads are kept; chained to the source
 *   <li>key by session id; {@code dedupe}, {@code DedupeFunction}: events at or behind the
 *       watermark to the late output, repeated event ids dropped
 *   <li>{@code detect}, {@code detect.DetectOperator}: one keyed operator for every {@link
 *       Detector}, on dedupe's partition, hosting each pattern's compiled FlinkCEP automaton (mode
 *       {@code frictionflow.detect.mode}: eager or strict); events it cannot take to the late
 *       output. Then {@code detect-fire}, {@code detect.FirePoliciesFunction}: every pattern's fire
 *       policy ({@code detect.Detection} wires both)
 *   <li>{@code redact-late}, {@link RedactLateFunction}: the late output redacted like the context
 *   <li>{@code session}, {@code SessionFunction}, on the deduped events connected with the
 *       detector's signals, keyed by session: intent score, session context and end; emits every
 *       signal with its context, and context updates as a side output
 *   <li>{@link Sinks}, in order: signals, failed, late, contexts; then webhook delivery ({@code
 *       webhook.Webhooks}: per destination {@code webhook-filter-<name>}, {@code webhook-<name>},
 *       {@code webhook-undelivered-<name>}) on the signals, and its undelivered signals to {@link
 *       Sinks#undelivered}
 * </ol>
 *
 * <p>The domain objects the settings describe (intent model, context builder) are built here, at
 * job build time ({@link SessionParts}), so a bad model file fails the start.
 */
public final class Topology {
  private Topology() {}

  /**
   * Decodes raw JSON lines as bytes (a file source, {@link ByteLinesFormat}) and assigns event
   * time: the front of the job when the source does not decode by itself.
   */
  public static DataStream<Decoded> decodeLines(DataStream<byte[]> raw, JobSettings settings) {
    // Decode and stamp event time at the source's parallelism: a single file is read by one
    // reader, and watermarks from one subtask make lateness depend on the input alone.
    int parallelism = raw.getParallelism();
    return raw.map(new DecodeFunction(settings.decoder()))
        .setParallelism(parallelism)
        .uid(Uids.DECODE)
        .name("decode")
        .assignTimestampsAndWatermarks(
            EagerWatermarks.strategy(
                settings.maxOutOfOrderness(), settings.watermarkStep(), settings.idleness()))
        .setParallelism(parallelism)
        .uid(Uids.EVENT_TIME)
        .name("event-time");
  }

  /** The whole job on raw JSON lines (bytes), one event per record: {@link #decodeLines} first. */
  public static void build(
      DataStream<byte[]> raw, JobSettings settings, List<Detector> detectors, Sinks sinks) {
    buildDecoded(decodeLines(raw, settings), settings, detectors, sinks);
  }

  /**
   * The whole job on decoded records that already carry event time and watermarks, to {@code
   * sinks}.
   *
   * @throws io.frictionflow.config.InvalidConfigException when the intent model cannot be loaded
   * @throws IllegalArgumentException when no detector is given
   */
  public static void buildDecoded(
      DataStream<Decoded> decoded, JobSettings settings, List<Detector> detectors, Sinks sinks) {
    buildDecoded(decoded, settings, detectors, sinks, null);
  }

  /**
   * The whole job as {@link #buildDecoded(DataStream, JobSettings, List, Sinks)}, with the detector
   * taking pattern updates while it runs ({@code detect.Detection.Updates}); their statuses go to
   * {@link Sinks#patternStatus}.
   *
   * @param updates the pattern updates, or null for the patterns given only
   */
  public static void buildDecoded(
      DataStream<Decoded> decoded,
      JobSettings settings,
      List<Detector> detectors,
      Sinks sinks,
      Detection.Updates updates) {
    SessionParts parts = SessionParts.of(settings);
    if (detectors.isEmpty()) {
      throw new IllegalArgumentException("no pattern is enabled");
    }
    SingleOutputStreamOperator<Event> events =
        decoded
            .process(new RouteFailedFunction(settings.session().failedRaw(), parts.contexts()))
            // Chained to the source: one more exchange would let watermarks of two channels race.
            .setParallelism(decoded.getParallelism())
            .uid(Uids.ROUTE_FAILED)
            .name("route-failed");
    DataStream<FailedEvent> failed = events.getSideOutput(OutputTags.FAILED);

    SingleOutputStreamOperator<Event> deduped =
        events
            .keyBy(Event::sessionId)
            .process(new DedupeFunction(settings.dedupeHorizon()))
            .uid(Uids.DEDUPE)
            .name("dedupe");

    // One detector for every pattern, on dedupe's partition (no exchange): see Detection.
    DetectMode mode = DetectMode.of(settings.detectMode());
    Detection.Streams detection =
        Detection.build(
            deduped,
            hosted(detectors),
            mode,
            settings.sessionTimeout(),
            OutputTags.LATE,
            settings.detectCacheSessions(),
            updates);
    DataStream<Signal> signals = detection.signals();
    // An event the detector cannot take (out of order beyond what it can roll back, in eager mode;
    // or, were dedupe's watermark rule ever broken, behind the watermark) reaches the late output
    // with the events dedupe found late, instead of vanishing.
    DataStream<Event> late = deduped.getSideOutput(OutputTags.LATE).union(detection.late());
    // Late events leave redacted like the context: no raw browser data on the late output.
    DataStream<Event> redactedLate =
        late.map(new RedactLateFunction(parts.contexts()))
            .uid(Uids.REDACT_LATE)
            .name("redact-late");
    SingleOutputStreamOperator<Signal> withSession =
        deduped
            .connect(signals)
            .keyBy(Event::sessionId, Signal::sessionId)
            .process(
                new SessionFunction(
                    parts.model(),
                    parts.threshold(),
                    parts.hysteresis(),
                    parts.contexts(),
                    settings.sessionTimeout(),
                    settings.session().maxLength(),
                    settings.session().publishInterval(),
                    mode == DetectMode.EAGER))
            .uid(Uids.SESSION)
            .name("session");

    sinks.signals(withSession);
    sinks.failed(failed);
    sinks.late(redactedLate);
    sinks.contexts(withSession.getSideOutput(SessionFunction.CONTEXT));
    DataStream<DeliveryResult> undelivered =
        Webhooks.attach(withSession, settings.webhooks().active());
    if (undelivered != null) {
      sinks.undelivered(undelivered);
    }
    if (detection.status() != null) {
      sinks.patternStatus(detection.status());
    }
  }

  /** The detectors as the one detector hosts them: each its sessions and state names. */
  static List<HostedPattern> hosted(List<Detector> detectors) {
    return detectors.stream()
        .map(d -> new HostedPattern(d.spec(), d.sessionPrefixes(), d.stateSuffix()))
        .toList();
  }
}
