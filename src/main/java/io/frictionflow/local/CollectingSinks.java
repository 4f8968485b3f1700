package io.frictionflow.local;

import io.frictionflow.detect.PatternStatus;
import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.job.Sinks;
import io.frictionflow.job.Uids;
import io.frictionflow.session.SessionFunction;
import io.frictionflow.signal.Signal;
import io.frictionflow.webhook.DeliveryResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The outputs of a bounded local run as one stream of {@link OutputRecord}s, for the caller to
 * collect: signals, failed, late and undelivered records, each mapped on its own uid. Session
 * contexts are not collected (a local run prints signals, which carry their context).
 */
final class CollectingSinks implements Sinks {
  private final List<DataStream<OutputRecord>> outputs = new ArrayList<>();

  @Override
  public void signals(DataStream<Signal> signals) {
    outputs.add(signals.map(OutputRecord::of).uid(Uids.SIGNAL_OUTPUT).name("signal-output"));
  }

  @Override
  public void failed(DataStream<FailedEvent> failed) {
    outputs.add(failed.map(OutputRecord::of).uid(Uids.FAILED_OUTPUT).name("failed-output"));
  }

  @Override
  public void late(DataStream<Event> late) {
    outputs.add(late.map(OutputRecord::of).uid(Uids.LATE_OUTPUT).name("late-output"));
  }

  @Override
  public void contexts(DataStream<SessionFunction.ContextUpdate> contexts) {}

  @Override
  public void undelivered(DataStream<DeliveryResult> undelivered) {
    outputs.add(
        undelivered.map(OutputRecord::of).uid(Uids.UNDELIVERED_OUTPUT).name("undelivered-output"));
  }

  @Override
  public void patternStatus(DataStream<PatternStatus> status) {
    outputs.add(
        status.map(OutputRecord::of).uid(Uids.PATTERN_STATUS_OUTPUT).name("pattern-status-output"));
  }

  /** Every output added so far, as one stream. */
  @SuppressWarnings("unchecked")
  DataStream<OutputRecord> all() {
    return outputs.get(0).union(outputs.subList(1, outputs.size()).toArray(new DataStream[0]));
  }
}
