package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Repetitions#times}: a count, {min, max} or {at_least} as typed {@link Times}. */
class RepetitionsTest {
  private final Trees t = new Trees();
  private final Repetitions r = new Repetitions(t.sink, path -> "");

  @Test
  void aCountIsExactlyThatMany() {
    assertThat(r.times(Trees.yaml("3"), "s.times")).isEqualTo(new Times(3, 3));
    assertThat(t.errors()).isEmpty();
  }

  @Test
  void minAndMaxAreARange() {
    Times times = r.times(Trees.yaml("{min: 2, max: 4}"), "s.times");
    assertThat(times).isEqualTo(new Times(2, 4));
    assertThat(times.looping()).isTrue();
  }

  @Test
  void atLeastIsOpenEnded() {
    assertThat(r.times(Trees.yaml("{at_least: 2}"), "s.times")).isEqualTo(new Times(2, Times.OPEN));
  }

  @Test
  void maxBelowMinIsAnErrorAndReadsAsOnce() {
    assertThat(r.times(Trees.yaml("{min: 4, max: 2}"), "s.times")).isEqualTo(Times.ONCE);
    assertThat(t.errors()).containsExactly("s.times: expected min and max with 1 <= min <= max");
    assertThat(Times.ONCE.looping()).isFalse();
  }

  @Test
  void textIsAnError() {
    assertThat(r.times(Trees.yaml("often"), "s.times")).isEqualTo(Times.ONCE);
    assertThat(t.errors())
        .containsExactly("s.times: expected a count, {min, max} or {at_least}; got 'often'");
  }
}
