package io.frictionflow.ingest;

import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import org.apache.flink.util.OutputTag;

/** Side outputs: what the job routes aside instead of dropping. */
public final class OutputTags {
  /** Records that failed to decode, with the reason. */
  public static final OutputTag<FailedEvent> FAILED = new OutputTag<>("events-failed") {};

  /** Events behind the watermark when they arrived. */
  public static final OutputTag<Event> LATE = new OutputTag<>("events-late") {};

  private OutputTags() {}
}
