package io.frictionflow.webhook;

import io.frictionflow.signal.Signal;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One webhook endpoint and which signals go there.
 *
 * @param patterns pattern ids to send; empty for all
 * @param minSeverity least severity to send (info, low, medium, high, critical)
 * @param minIntent least intent score to send, or null for any (signals without a score pass)
 * @param secretEnv environment variable holding the {@code whsec_} signing secret, or null to send
 *     unsigned; the secret itself never appears in a config file
 * @param maxInFlight most requests in flight at once per parallel instance: the Async I/O capacity,
 *     so a slow endpoint backs the job up instead of buffering without bound
 * @param fields signal fields to send; empty for the whole signal
 */
public record Destination(
    String name,
    String url,
    Set<String> patterns,
    String minSeverity,
    Double minIntent,
    Map<String, String> headers,
    String secretEnv,
    Duration timeout,
    RetryPolicy retry,
    int maxInFlight,
    List<String> fields)
    implements Serializable {

  public static final List<String> SEVERITIES =
      List.of("info", "low", "medium", "high", "critical");

  /** Whether {@code s} goes to this destination. */
  public boolean accepts(Signal s) {
    if (!patterns.isEmpty() && !patterns.contains(s.patternId())) {
      return false;
    }
    if (SEVERITIES.indexOf(s.severity()) < SEVERITIES.indexOf(minSeverity)) {
      return false;
    }
    return minIntent == null || s.intentScore() == null || s.intentScore() >= minIntent;
  }

  /** The longest one signal can take here, all retries included, with room for one timeout. */
  public Duration worstCase() {
    return retry.maxTotal().plus(timeout).plus(timeout);
  }
}
