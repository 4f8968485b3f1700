package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.pattern.Conditions.NumOp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ValueParser}: typed bounds, durations, flags and counts, and the errors for bad ones. */
class ValueParserTest {
  private final Trees t = new Trees();
  private final ValueParser p = t.values();

  @Test
  void betweenIsTwoBounds() {
    assertThat(p.bounds("between", Trees.yaml("[2, 5]"), "x", false))
        .containsExactly(new Bound(NumOp.GTE, 2), new Bound(NumOp.LTE, 5));
    assertThat(t.errors()).isEmpty();
  }

  @Test
  void aSingleOperatorIsOneBound() {
    assertThat(p.bounds("lt", Trees.yaml("7"), "x", false)).containsExactly(new Bound(NumOp.LT, 7));
  }

  @Test
  void timeBoundsAreMilliseconds() {
    assertThat(p.bounds("gte", Trees.yaml("2s"), "x", true))
        .containsExactly(new Bound(NumOp.GTE, 2000));
  }

  @Test
  void betweenWithLowAboveHighIsAnError() {
    p.bounds("between", Trees.yaml("[5, 2]"), "x.between", false);
    assertThat(t.errors()).containsExactly("x.between: between: low is above high");
  }

  @Test
  void betweenNeedsTwoValues() {
    assertThat(p.bounds("between", Trees.yaml("[5]"), "x", false)).isEmpty();
    assertThat(t.errors()).containsExactly("x: between takes [low, high]");
  }

  @Test
  void aNonNumberIsAnError() {
    assertThat(p.bounds("lt", Trees.yaml("many"), "x.lt", false)).isEmpty();
    assertThat(t.errors()).containsExactly("x.lt: expected a number, got 'many'");
  }

  @Test
  void durationsAndTheirErrorsNameTheParameter() {
    ValueParser withParam = new ValueParser(t.sink, path -> " (from $w)");
    assertThat(withParam.duration(Trees.yaml("30s"), "window", false))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(withParam.duration(null, "window", false)).isNull();
    assertThat(withParam.duration(Trees.yaml("soon"), "window", false)).isNull();
    assertThat(t.errors()).hasSize(1);
    assertThat(t.errors().get(0)).startsWith("window: ").endsWith(" (from $w)");
  }

  @Test
  void flagsAreTrueOrFalse() {
    assertThat(p.bool(Trees.yaml("{greedy: true}"), "greedy", "stages[0]")).isTrue();
    assertThat(p.bool(Trees.yaml("{}"), "greedy", "stages[0]")).isFalse();
    assertThat(p.bool(Trees.yaml("{greedy: yes please}"), "greedy", "stages[0]")).isFalse();
    assertThat(t.errors())
        .containsExactly("stages[0].greedy: expected true or false, got 'yes please'");
  }

  @Test
  void versionsAreWholeNumbersOfAtLeastOne() {
    assertThat(p.positiveInt(Trees.yaml("{version: 3}"), "version", true, 1)).isEqualTo(3);
    assertThat(p.positiveInt(Trees.yaml("{version: 0}"), "version", true, 1)).isEqualTo(1);
    assertThat(p.positiveInt(Trees.yaml("{}"), "state_version", false, 1)).isEqualTo(1);
    assertThat(p.positiveInt(Trees.yaml("{}"), "id", true, 1)).isEqualTo(1);
    assertThat(t.errors())
        .containsExactly(
            "version: expected a whole number of at least 1, got number 0", "id: id is required");
  }

  @Test
  void aNameListMayBeOneName() {
    assertThat(p.stringList(Trees.yaml("click"), "on", true)).containsExactly("click");
    assertThat(p.stringList(Trees.yaml("[click, input]"), "on", true))
        .containsExactly("click", "input");
    assertThat(p.stringList(null, "on", true)).isNull();
    assertThat(t.errors()).containsExactly("on: on is required");
  }

  @Test
  void literalsKeepTheirType() {
    assertThat(ValueParser.literal(Trees.yaml("3"))).isEqualTo(3.0);
    assertThat(ValueParser.literal(Trees.yaml("true"))).isEqualTo(true);
    assertThat(ValueParser.literal(Trees.yaml("button"))).isEqualTo("button");
  }
}
