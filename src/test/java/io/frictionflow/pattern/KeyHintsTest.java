package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KeyHints}: unknown keys explained by the mistake they are, not by the nearest key. */
class KeyHintsTest {
  private final Trees t = new Trees();
  private final StageReader stages =
      new StageReader(t.ctx, t.sink, t.values(), new Repetitions(t.sink, path -> ""));

  private List<String> stageErrors(String yaml) {
    stages.stages(Trees.yaml(yaml), null);
    return t.errors();
  }

  @Test
  void orIsAny() {
    assertThat(stageErrors("[{name: a, where: {or: [{field: x, eq: 1}]}}]"))
        .containsExactly(
            "stages[0].where.or: unknown key 'or' (did you mean 'any'? any: [...] holds when one"
                + " of its conditions holds)");
  }

  @Test
  void andIsAll() {
    assertThat(stageErrors("[{name: a, where: {and: [{field: x, eq: 1}]}}]"))
        .containsExactly(
            "stages[0].where.and: unknown key 'and' (did you mean 'all'? all: [...] holds when"
                + " every one of its conditions holds)");
  }

  @Test
  void wordsFromOtherConditionLanguagesNameOurs() {
    assertThat(KeyHints.inCondition("equals", null)).isEqualTo(" (did you mean 'eq'?)");
    assertThat(KeyHints.inCondition("regex", null)).isEqualTo(" (did you mean 'matches'?)");
    assertThat(KeyHints.inCondition("neq", null)).isEqualTo(" (did you mean 'ne'?)");
    assertThat(KeyHints.inCondition("one_of", null)).isEqualTo(" (did you mean 'in'?)");
    assertThat(KeyHints.inCondition("fild", null)).isNull();
  }

  @Test
  void anEventFieldInAConditionNeedsField() {
    assertThat(stageErrors("[{name: a, where: {how: back}}]"))
        .containsExactly(
            "stages[0].where.how: unknown key 'how': a condition names the event field with"
                + " field:, e.g. {field: how, eq: back}");
  }

  @Test
  void anEventFieldOnAStageBelongsUnderWhere() {
    assertThat(stageErrors("[{name: a}, {name: b, type: navigate, how: back}]"))
        .containsExactly(
            "stages[1].how: unknown key 'how': how is an event field; a stage tests its events"
                + " under where:, e.g. where: {field: how, eq: back}");
  }

  @Test
  void aNestedEventFieldOnAStageNamesItsPath() {
    assertThat(stageErrors("[{name: a, target: {tag: button}}]"))
        .containsExactly(
            "stages[0].target: unknown key 'target': target is an event field; a stage tests its"
                + " events under where:, e.g. where: {field: target.tag, eq: button}");
    assertThat(KeyHints.onStage("props", Trees.yaml("x"), StageReader.STAGE_KEYS))
        .contains("where: {field: props.NAME, eq: ...}");
  }

  @Test
  void aConditionKeyOnAStageBelongsUnderWhere() {
    assertThat(stageErrors("[{name: a, eq: 3}]"))
        .containsExactly(
            "stages[0].eq: unknown key 'eq': eq belongs in a condition; a stage's conditions go"
                + " under where:, e.g. where: {field: target.tag, eq: button}");
    assertThat(KeyHints.onStage("any", null, StageReader.STAGE_KEYS)).contains("under where:");
    assertThat(KeyHints.onStage("or", null, StageReader.STAGE_KEYS))
        .isEqualTo(
            ": a stage's conditions go under where:, and 'or' is written 'any' there, e.g. where:"
                + " {any: [...]}");
  }

  @Test
  void aKeyOneEditFromAStageKeyIsATypoOfIt() {
    assertThat(stageErrors("[{name: a, time: 3}]"))
        .containsExactly("stages[0].time: unknown key 'time' (did you mean 'times'?)");
    assertThat(stageErrors("[{name: a, wher: {field: x, eq: 1}}]"))
        .contains("stages[0].wher: unknown key 'wher' (did you mean 'where'?)");
  }
}
