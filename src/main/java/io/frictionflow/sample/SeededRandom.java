package io.frictionflow.sample;

import java.util.random.RandomGenerator;

/**
 * The sequence of {@link java.util.SplittableRandom#SplittableRandom(long)}, draw for draw (the
 * same SplitMix64 seed step and mixing functions; {@code nextInt(bound)}, {@code nextDouble()} and
 * {@code nextBoolean()} are {@link RandomGenerator}'s defaults on both), with its state readable:
 * {@code new SeededRandom(r.state())} continues exactly where {@code r} is. That lets the workload
 * generator note where each session's draws begin in one pass and regenerate any session on its own
 * later, with the events a single sequential pass would have given it. Pure Java.
 */
public final class SeededRandom implements RandomGenerator {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long seed;

  /**
   * @param seed a seed, as for {@code new SplittableRandom(seed)}, or a {@link #state()}
   */
  public SeededRandom(long seed) {
    this.seed = seed;
  }

  /** The state to continue from: {@code new SeededRandom(state())} draws what this one will. */
  public long state() {
    return seed;
  }

  @Override
  public long nextLong() {
    return mix64(seed += GOLDEN_GAMMA);
  }

  @Override
  public int nextInt() {
    return mix32(seed += GOLDEN_GAMMA);
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static int mix32(long z) {
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }
}
