package io.frictionflow.bench;

import io.frictionflow.config.JobSettings;
import java.time.Duration;
import java.util.List;

/**
 * What one {@code bench} invocation measures; the command has checked each value.
 *
 * @param sessions sessions to generate; all are open at once in the paced run
 * @param friction share of sessions with friction
 * @param spread event time over which sessions start at full speed
 * @param states state backends, each {@code heap} or {@code rocksdb}
 * @param patternCounts pattern counts to run, each a number or {@code all}
 * @param rate input rate of the paced run ({@link PaceSchedule#resolve}), or {@code off}
 * @param fullSpeed whether to run at full speed before the paced run
 * @param warmup sessions run unmeasured first so that the JIT has compiled the job; 0 for none
 * @param settings job options for every run, webhooks off
 * @param seed workload seed
 * @param parallelism job parallelism
 * @param disorder how the paced run's events arrive: {@code realistic} or {@code none} ({@link
 *     Disorder#of})
 */
public record BenchOptions(
    int sessions,
    double friction,
    Duration spread,
    List<String> states,
    List<String> patternCounts,
    String rate,
    boolean fullSpeed,
    int warmup,
    JobSettings settings,
    long seed,
    int parallelism,
    String disorder) {

  /** Whether a paced run follows (or replaces) the full-speed one. */
  public boolean paced() {
    return !rate.equalsIgnoreCase("off");
  }
}
