package io.frictionflow.detect;

import io.frictionflow.signal.Signal;
import org.apache.flink.util.OutputTag;

/** Side outputs of the CEP operators. */
public final class DetectorTags {
  /** Timed-out partial matches of patterns with {@code timeouts: signal}. */
  public static final OutputTag<Signal> TIMEOUTS = new OutputTag<>("pattern-timeouts") {};

  private DetectorTags() {}
}
