package io.frictionflow.job;

import io.frictionflow.config.IntentSettings;
import io.frictionflow.config.JobSettings;
import io.frictionflow.detect.DetectorTags;
import io.frictionflow.detect.FirePolicyFunction;
import io.frictionflow.detect.PatternMatchFunction;
import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.ingest.ByteLinesFormat;
import io.frictionflow.ingest.DecodeFunction;
import io.frictionflow.ingest.Decoded;
import io.frictionflow.ingest.DedupeFunction;
import io.frictionflow.ingest.EagerWatermarks;
import io.frictionflow.ingest.OutputTags;
import io.frictionflow.ingest.RouteFailedFunction;
import io.frictionflow.pattern.CepPatternCompiler;
import io.frictionflow.session.SessionFunction;
import io.frictionflow.signal.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Builds the whole dataflow, top to bottom: decode, event time, key by session, dedupe, one CEP
 * operator per pattern behind a filter to its event types, fire policy. Sources and sinks are the
 * caller's, so the launcher, the cluster entry point and the tests share this method.
 */
public final class Topology {
  private Topology() {}

  /** The streams the job produces; the caller attaches sinks. */
  public record Outputs(
      DataStream<Signal> signals,
      DataStream<FailedEvent> failed,
      DataStream<Event> late,
      DataStream<SessionFunction.ContextUpdate> contexts) {}

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

  /** Wires the job on raw JSON lines (bytes), one event per record. */
  public static Outputs build(
      DataStream<byte[]> raw, JobSettings settings, List<Detector> detectors) {
    return buildDecoded(decodeLines(raw, settings), settings, detectors);
  }

  /** Wires the job on decoded records that already carry event time and watermarks. */
  public static Outputs buildDecoded(
      DataStream<Decoded> decoded, JobSettings settings, List<Detector> detectors) {
    if (detectors.isEmpty()) {
      throw new IllegalArgumentException("no pattern is enabled");
    }
    SingleOutputStreamOperator<Event> events =
        decoded
            .process(
                new RouteFailedFunction(
                    settings.session().failedRaw(), settings.session().contexts()))
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
    DataStream<Event> late = deduped.getSideOutput(OutputTags.LATE);

    DataStream<Signal> signals = null;
    List<DataStream<Event>> lateInDetectors = new ArrayList<>();
    for (Detector d : detectors) {
      DataStream<Signal> s = detect(deduped, d, settings, lateInDetectors);
      signals = signals == null ? s : signals.union(s);
    }
    // Empty while detectors run on dedupe's partition (see Lateness); were that ever broken, an
    // event a detector cannot take still reaches the late output instead of vanishing.
    for (DataStream<Event> l : lateInDetectors) {
      late = late.union(l);
    }
    // Late events leave redacted like the context: no raw browser data on the late output.
    DataStream<Event> redactedLate =
        late.map(new RedactLateFunction(settings.session().contexts()))
            .uid(Uids.REDACT_LATE)
            .name("redact-late");
    IntentSettings intent = settings.intent();
    SingleOutputStreamOperator<Signal> withSession =
        deduped
            .connect(signals)
            .keyBy(Event::sessionId, Signal::sessionId)
            .process(
                new SessionFunction(
                    intent.model(),
                    intent.threshold(),
                    intent.hysteresis(),
                    settings.session().contexts(),
                    settings.sessionTimeout(),
                    settings.session().maxLength(),
                    settings.session().publishInterval()))
            .uid(Uids.SESSION)
            .name("session");
    return new Outputs(
        withSession, failed, redactedLate, withSession.getSideOutput(SessionFunction.CONTEXT));
  }

  private static DataStream<Signal> detect(
      DataStream<Event> events, Detector d, JobSettings settings, List<DataStream<Event>> late) {
    var spec = d.spec();
    Set<String> types = Set.copyOf(spec.on());
    List<String> prefixes = d.sessionPrefixes();
    // Filtering keeps each event on its subtask, so the stream is still partitioned by session.
    KeyedStream<Event, String> input =
        DataStreamUtils.reinterpretAsKeyedStream(
            events
                .filter(e -> types.contains(e.type()) && matchesPrefix(e.sessionId(), prefixes))
                .uid(Uids.filter(spec, d.uidSuffix()))
                .name("on " + String.join(",", types) + " (" + spec.id() + ")"),
            Event::sessionId);
    SingleOutputStreamOperator<Signal> matches =
        CEP.pattern(input, CepPatternCompiler.compile(spec))
            .inEventTime()
            .sideOutputLateData(OutputTags.LATE)
            .process(PatternMatchFunction.of(spec))
            .uid(Uids.cep(spec, d.uidSuffix()))
            .name("cep " + spec.id());
    late.add(matches.getSideOutput(OutputTags.LATE));
    DataStream<Signal> all =
        spec.emitTimeouts() ? matches.union(matches.getSideOutput(DetectorTags.TIMEOUTS)) : matches;
    return DataStreamUtils.reinterpretAsKeyedStream(all, Signal::sessionId)
        .process(new FirePolicyFunction(spec, settings.sessionTimeout()))
        .uid(Uids.fire(spec, d.uidSuffix()))
        .name("fire " + spec.id());
  }

  private static boolean matchesPrefix(String session, List<String> prefixes) {
    if (prefixes.isEmpty()) {
      return true;
    }
    for (String p : prefixes) {
      if (session.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
