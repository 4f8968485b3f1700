package io.frictionflow.job;

import io.frictionflow.event.Event;
import io.frictionflow.session.ContextBuilder;
import org.apache.flink.api.common.functions.MapFunction;

/** Turns a late event into its redacted copy for the late output (see docs/privacy.md). */
public final class RedactLateFunction implements MapFunction<Event, Event> {
  private final ContextBuilder redaction;

  /**
   * @param redaction redacts as the session context is redacted
   */
  public RedactLateFunction(ContextBuilder redaction) {
    this.redaction = redaction;
  }

  @Override
  public Event map(Event e) {
    return redaction.redactLate(e);
  }
}
