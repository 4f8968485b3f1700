package io.frictionflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeededRandomTest {
  @Test
  void drawsWhatSplittableRandomDrawsForTheSameSeed() {
    for (long seed : new long[] {7, 8, -3, 123_456_789}) {
      SplittableRandom expected = new SplittableRandom(seed);
      SeededRandom actual = new SeededRandom(seed);
      for (int i = 0; i < 200_000; i++) {
        int bound = 1 + i % 1000;
        switch (i % 4) {
          case 0 -> assertThat(actual.nextInt(bound)).isEqualTo(expected.nextInt(bound));
          case 1 -> assertThat(actual.nextDouble()).isEqualTo(expected.nextDouble());
          case 2 -> assertThat(actual.nextBoolean()).isEqualTo(expected.nextBoolean());
          default -> assertThat(actual.nextLong()).isEqualTo(expected.nextLong());
        }
      }
    }
  }

  @Test
  void aNewGeneratorFromTheStateContinuesTheSequence() {
    SeededRandom r = new SeededRandom(7);
    for (int i = 0; i < 1000; i++) {
      r.nextInt(1 + i);
    }
    SeededRandom copy = new SeededRandom(r.state());
    for (int i = 0; i < 1000; i++) {
      assertThat(copy.nextInt(7 + i)).isEqualTo(r.nextInt(7 + i));
    }
  }
}
