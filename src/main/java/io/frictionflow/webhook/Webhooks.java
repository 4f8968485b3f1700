package io.frictionflow.webhook;

import io.frictionflow.signal.Signal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Wires webhook delivery: per destination a filter and an Async I/O operator. */
public final class Webhooks {
  private Webhooks() {}

  /**
   * Sends {@code signals} to every destination and returns the signals that could not be delivered,
   * or null when there is no destination (webhooks off or none configured).
   */
  public static DataStream<DeliveryResult> attach(
      DataStream<Signal> signals, List<Destination> destinations) {
    if (destinations.isEmpty()) {
      return null;
    }
    DataStream<DeliveryResult> undelivered = null;
    for (Destination d : destinations) {
      // Fail at start, naming the variable, when a signing secret is missing.
      WebhookFunction.signerFor(d);
      DataStream<DeliveryResult> results =
          AsyncDataStream.unorderedWait(
                  signals
                      .filter(d::accepts)
                      .uid("webhook-filter-" + d.name())
                      .name("to " + d.name() + "?"),
                  new WebhookFunction(d),
                  d.worstCase().toMillis(),
                  TimeUnit.MILLISECONDS,
                  d.maxInFlight())
              .uid("webhook-" + d.name())
              .name("webhook " + d.name());
      DataStream<DeliveryResult> failed =
          results
              .filter(r -> !r.delivered())
              .uid("webhook-undelivered-" + d.name())
              .name("undelivered " + d.name());
      undelivered = undelivered == null ? failed : undelivered.union(failed);
    }
    return undelivered;
  }
}
