package io.frictionflow.bench;

import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.job.Sinks;
import io.frictionflow.session.SessionFunction;
import io.frictionflow.signal.Signal;
import io.frictionflow.webhook.DeliveryResult;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The benchmark's outputs: it measures the signals' delay, so it keeps the signal stream for the
 * caller to attach its delay sink to and ignores the other outputs (the runs send no webhook).
 */
final class SignalSink implements Sinks {
  private DataStream<Signal> signals;

  @Override
  public void signals(DataStream<Signal> signals) {
    this.signals = signals;
  }

  @Override
  public void failed(DataStream<FailedEvent> failed) {}

  @Override
  public void late(DataStream<Event> late) {}

  @Override
  public void contexts(DataStream<SessionFunction.ContextUpdate> contexts) {}

  @Override
  public void undelivered(DataStream<DeliveryResult> undelivered) {}

  /** The signals handed over by the topology. */
  DataStream<Signal> signals() {
    if (signals == null) {
      throw new IllegalStateException("the topology is not built yet");
    }
    return signals;
  }
}
