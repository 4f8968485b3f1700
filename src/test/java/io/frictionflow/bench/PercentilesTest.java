package io.frictionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankInMillisecondsFromMicros() {
    long[] micros = new long[100];
    for (int i = 0; i < 100; i++) {
      micros[i] = (100 - i) * 1000L; // 100 ms down to 1 ms, unsorted
    }
    Percentiles p = Percentiles.ofMicros(micros);
    assertThat(p.count()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50.0);
    assertThat(p.p95()).isEqualTo(95.0);
    assertThat(p.p99()).isEqualTo(99.0);
    assertThat(p.max()).isEqualTo(100.0);
    assertThat(micros[0]).as("input left as it was").isEqualTo(100_000);
  }

  @Test
  void aSingleDelayIsEveryPercentile() {
    Percentiles p = Percentiles.ofMicros(new long[] {2500});
    assertThat(p.p50()).isEqualTo(2.5);
    assertThat(p.p99()).isEqualTo(2.5);
  }

  @Test
  void noDelaysAreAllZero() {
    assertThat(Percentiles.ofMicros(new long[0])).isEqualTo(new Percentiles(0, 0, 0, 0, 0));
  }
}
