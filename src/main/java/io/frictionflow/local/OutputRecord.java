package io.frictionflow.local;

import io.frictionflow.detect.PatternStatus;
import io.frictionflow.detect.PatternStatusJson;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventJson;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.SignalJson;

/**
 * One line of output on one channel. The local launcher collects every output through one stream of
 * these, so that a slow reader of one output cannot stall another.
 *
 * @param channel {@code signal}, {@code failed}, {@code late}, {@code undelivered} or {@code
 *     pattern-status}
 * @param key pattern id for signals and pattern statuses, reason for failed events, empty otherwise
 * @param json the line
 */
public record OutputRecord(String channel, String key, String json) {
  public static final String SIGNAL = "signal";
  public static final String FAILED = "failed";
  public static final String LATE = "late";
  public static final String UNDELIVERED = "undelivered";

  /** What the detector did with a watched pattern file ({@code --watch}). */
  public static final String PATTERN_STATUS = "pattern-status";

  public static OutputRecord of(PatternStatus s) {
    return new OutputRecord(PATTERN_STATUS, s.patternId(), PatternStatusJson.toJson(s));
  }

  public static OutputRecord of(Signal s) {
    return new OutputRecord(SIGNAL, s.patternId(), SignalJson.toJson(s));
  }

  public static OutputRecord of(FailedEvent f) {
    return new OutputRecord(FAILED, f.reason(), EventJson.toJson(f));
  }

  public static OutputRecord of(io.frictionflow.webhook.DeliveryResult r) {
    return new OutputRecord(
        UNDELIVERED, r.destination(), io.frictionflow.webhook.UndeliveredJson.toJson(r));
  }

  public static OutputRecord of(Event e) {
    return new OutputRecord(LATE, "", EventJson.toJson(e));
  }
}
