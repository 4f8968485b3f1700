package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.pattern.Conditions.NumOp;
import io.frictionflow.pattern.Conditions.Ref;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ConditionParser}: the condition language as data, and its errors by path. */
class ConditionParserTest {
  private final Trees t = new Trees();
  private final ConditionParser p =
      new ConditionParser(t.ctx, t.sink, t.values(), List.of("press", "release"));

  private Condition parse(String yaml, int stage) {
    return p.parse(Trees.yaml(yaml), "w", stage, false);
  }

  @Test
  void aFieldTestIsOneCondition() {
    Condition c = parse("{field: target.tag, eq: button}", 0);
    assertThat(c).isInstanceOf(Conditions.Equals.class);
    assertThat(((Conditions.Equals) c).literal()).isEqualTo("button");
    assertThat(t.errors()).isEmpty();
  }

  @Test
  void betweenOnADistanceIsTwoTypedBounds() {
    Condition c = parse("{distance_from: previous, between: [1, 9], metric: manhattan}", 1);
    assertThat(c)
        .isEqualTo(
            new Conditions.All(
                List.of(
                    new Conditions.Distance(Ref.PREVIOUS, true, NumOp.GTE, 1),
                    new Conditions.Distance(Ref.PREVIOUS, true, NumOp.LTE, 9))));
  }

  @Test
  void timeSinceAStageIsAStageReferenceInMilliseconds() {
    Condition c = parse("{time_since: press, lt: 2s}", 1);
    assertThat(c).isEqualTo(new Conditions.TimeSince(Ref.stage("press"), NumOp.LT, 2000));
    assertThat(Ref.stage("press").kind()).isEqualTo(Ref.Kind.STAGE);
    assertThat(Ref.stage("press")).hasToString("press");
    assertThat(Ref.FIRST).hasToString("first");
    assertThat(Ref.PREVIOUS).hasToString("previous");
  }

  @Test
  void aReferenceToALaterStageIsAnError() {
    parse("{time_since: release, lt: 2s}", 0);
    assertThat(t.errors())
        .containsExactly(
            "w.time_since: refers to stage 'release', which comes later; only earlier events can"
                + " be compared");
  }

  @Test
  void countTakesOnlyNumericOperators() {
    parse("{count: press, eq: 3}", 0);
    assertThat(t.errors()).containsExactly("w.eq: count takes lt, lte, gt, gte or between, not eq");
  }

  @Test
  void anUnknownFieldIsReportedAndReadsAsTrue() {
    assertThat(parse("{field: targt.tag, eq: a}", 0)).isSameAs(Condition.TRUE);
    assertThat(t.errors()).hasSize(1);
    assertThat(t.errors().get(0))
        .startsWith("w.field: unknown field 'targt.tag'")
        .endsWith("; free properties are props.NAME");
  }

  @Test
  void aConditionNeedsExactlyOneSubject() {
    parse("{eq: a}", 0);
    assertThat(t.errors())
        .containsExactly(
            "w: a condition has exactly one of field, distance_from, time_since, count, sum, all,"
                + " any, not; found none");
  }

  @Test
  void whenFalseTurnsAConditionOff() {
    assertThat(parse("{field: type, eq: click, when: false}", 0)).isSameAs(Conditions.OFF);
    assertThat(parse("{not: {field: type, eq: click, when: false}}", 0)).isSameAs(Conditions.OFF);
  }

  @Test
  void aTypeListIsAnInTest() {
    Condition c = p.type(Trees.yaml("[click, input]"), "s.type");
    assertThat(c).isInstanceOf(Conditions.In.class);
    assertThat(p.type(Trees.yaml("{}"), "s.type")).isSameAs(Condition.TRUE);
    assertThat(t.errors()).containsExactly("s.type: expected an event type or a list of them");
  }
}
