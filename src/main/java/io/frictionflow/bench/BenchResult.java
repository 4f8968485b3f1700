package io.frictionflow.bench;

import java.util.List;

/**
 * All that one {@code bench} invocation measured.
 *
 * @param workload the generated workload every run read
 * @param parallelism job parallelism
 * @param runs measured runs in the order they ran (warm-up excluded)
 */
public record BenchResult(Workload workload, int parallelism, List<BenchRun> runs) {
  public BenchResult {
    runs = List.copyOf(runs);
  }
}
