package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.pattern.StageSpec.Follows;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StageReader}: stages, their quantifiers and the checks between stage and window. */
class StageReaderTest {
  private final Trees t = new Trees();
  private final StageReader r =
      new StageReader(t.ctx, t.sink, t.values(), new Repetitions(t.sink, path -> ""));

  private List<StageSpec> read(String yaml, Duration window) {
    return r.stages(Trees.yaml(yaml), window);
  }

  @Test
  void readsNamesFollowsAndQuantifiers() {
    List<StageSpec> s =
        read(
            "[{name: a, type: click}, {name: b, follows: strict, one_or_more: true, greedy: true},"
                + " {name: c, times: {min: 2, max: 3}, within: 5s}]",
            Duration.ofSeconds(10));
    assertThat(t.errors()).isEmpty();
    assertThat(s).extracting(StageSpec::name).containsExactly("a", "b", "c");
    assertThat(s.get(1).follows()).isEqualTo(Follows.STRICT);
    assertThat(s.get(1).maxTimes()).isEqualTo(Times.OPEN);
    assertThat(s.get(1).greedy()).isTrue();
    assertThat(s.get(2).minTimes()).isEqualTo(2);
    assertThat(s.get(2).maxTimes()).isEqualTo(3);
    assertThat(s.get(2).within()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theFirstStageFollowsNothing() {
    read("[{name: a, follows: strict}]", null);
    assertThat(t.errors())
        .containsExactly("stages[0].follows: the first stage follows nothing; remove follows");
  }

  @Test
  void withinLongerThanTheWindowIsImpossible() {
    read("[{name: a}, {name: b, within: 1m}]", Duration.ofSeconds(10));
    assertThat(t.errors())
        .containsExactly(
            "stages[1].within: impossible window: 1m is longer than the pattern window 10s");
  }

  @Test
  void untilNeedsAnOpenEndedStage() {
    read("[{name: a, times: 2, until: {field: type, eq: click}}]", null);
    assertThat(t.errors())
        .containsExactly(
            "stages[0].until: until stops an open-ended stage: use one_or_more or"
                + " times.at_least");
  }

  @Test
  void duplicateNamesAreReported() {
    read("[{name: a}, {name: a}]", null);
    assertThat(t.errors()).containsExactly("stages[1].name: duplicate stage name 'a'");
  }

  @Test
  void anEmptyListIsNoStages() {
    assertThat(read("[]", null)).isNull();
    assertThat(t.errors()).containsExactly("stages: expected a non-empty list of stages");
  }
}
