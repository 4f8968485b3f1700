package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Durations}: the duration forms a pattern file accepts, and what it says otherwise. */
class DurationsTest {
  @Test
  void oneNumberWithAUnit() {
    assertThat(Durations.check("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.check("2.5s")).isEqualTo(Duration.ofMillis(2500));
    assertThat(Durations.check("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.check("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.check("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.check("10 m")).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void wholeMilliseconds() {
    assertThat(Durations.check("250")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.check("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void compoundFormsFromTheLargestUnitDown() {
    assertThat(Durations.check("3m20s")).isEqualTo(Duration.ofSeconds(200));
    assertThat(Durations.check("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.check("1h0m5s")).isEqualTo(Duration.ofSeconds(3605));
    assertThat(Durations.check("1m2.5s")).isEqualTo(Duration.ofMillis(62_500));
    assertThat(Durations.check("2s500ms")).isEqualTo(Duration.ofMillis(2500));
    assertThat(Durations.check("1h 30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.check("1h2m3s4ms")).isEqualTo(Duration.ofMillis(3_723_004));
  }

  @Test
  void compoundUnitsGoDownEachOnce() {
    assertThatThrownBy(() -> Durations.check("20s3m"))
        .hasMessage(
            "a compound duration names each unit once, from the largest down (h, m, s, ms), as"
                + " in 1h30m or 3m20s; got '20s3m'");
    assertThatThrownBy(() -> Durations.check("1m1m")).hasMessageContaining("each unit once");
  }

  @Test
  void onlyTheLastPartHasAFraction() {
    assertThatThrownBy(() -> Durations.check("1.5h30m"))
        .hasMessage(
            "only the last part of a compound duration may have a fraction (1h30m, not"
                + " 1.5h30m); got '1.5h30m'");
  }

  @Test
  void anythingElseNamesTheAcceptedForms() {
    for (String bad : new String[] {"3 minutes", "1d", "m", "", "1.s", "-5s", "PT3M"}) {
      assertThatThrownBy(() -> Durations.check(bad))
          .hasMessage(
              "expected a duration: a number with a unit h, m, s or ms (500ms, 2.5s, 10m, 1h),"
                  + " units from the largest down (1h30m, 3m20s, 1m2.5s), or whole milliseconds"
                  + " (250); got '"
                  + bad
                  + "'");
    }
  }

  @Test
  void aCompoundDurationStillHasTheLimit() {
    assertThatThrownBy(() -> Durations.check("720h1ms"))
        .hasMessageContaining("longer than the limit of 720h");
    assertThat(Durations.check("719h59m59s999ms")).isEqualTo(Duration.ofMillis(2_591_999_999L));
  }

  @Test
  void compoundTextReadsAsADurationParameter() {
    assertThat(Durations.looksLikeDuration("3m20s")).isTrue();
    assertThat(Durations.looksLikeDuration("20s3m")).isTrue(); // then refused with the reason
    assertThat(Durations.looksLikeDuration("button")).isFalse();
    assertThat(ParamValues.inferType(Trees.yaml("1h30m"))).isEqualTo("duration");
  }
}
