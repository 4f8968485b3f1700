package io.frictionflow.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * What the detector keeps per session besides the patterns' own state: one value, read and written
 * once per event. A Flink POJO.
 */
public final class SessionProgress {
  /** Newest event time fed to the automata (eager mode), or {@link Long#MIN_VALUE}. */
  public long fed = Long.MIN_VALUE;

  /** Newest event time of the session that reached the detector. */
  public long lastTime = Long.MIN_VALUE;

  /** The event time at which the session's state is cleared if no event comes before. */
  public long end = Long.MIN_VALUE;

  /** Event times with events waiting in the element buffer, ascending (strict mode). */
  public long[] pending = new long[0];

  /** State prefixes of the patterns that have partial matches in the session. */
  public List<String> active = new ArrayList<>();

  public SessionProgress() {}
}
