package io.frictionflow.job;

import io.frictionflow.detect.PatternStatus;
import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.session.SessionFunction;
import io.frictionflow.signal.Signal;
import io.frictionflow.webhook.DeliveryResult;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the job's outputs go, supplied by the caller of {@link Topology}: Kafka topics in the
 * cluster job ({@code kafka.KafkaSinks}), a collected stream in a bounded local run ({@code
 * local.LocalJob}). {@link Topology} calls each method once, in the order declared here, with the
 * finished stream; the implementation adds its sink operators (each with a stable uid) or, in a
 * bounded run that has no use for an output, ignores it.
 */
public interface Sinks {
  /** Every signal: pattern, intent and session-end signals, with their context. */
  void signals(DataStream<Signal> signals);

  /** Records the decoder rejected, with the reason (redacted unless raw payloads are kept). */
  void failed(DataStream<FailedEvent> failed);

  /** Events at or behind the watermark, redacted. */
  void late(DataStream<Event> late);

  /** The published session contexts. */
  void contexts(DataStream<SessionFunction.ContextUpdate> contexts);

  /**
   * Signals a webhook destination did not take after every retry. Called only when there is a
   * destination (webhooks on and configured).
   */
  void undelivered(DataStream<DeliveryResult> undelivered);

  /**
   * What the detector did with each pattern update: applied, removed or rejected with the reason.
   * Called only when the job takes pattern updates; ignored by default.
   */
  default void patternStatus(DataStream<PatternStatus> status) {}
}
