package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternParserTest {
  private static final String VALID =
      """
      id: p
      version: 1
      description: d
      severity: low
      on: [click]
      params:
        gap: 1s
        n: 3
      profiles:
        slow: {gap: 5s}
      stages:
        - name: a
          type: click
        - name: b
          type: click
          where: {time_since: previous, lt: $gap}
      window: 10s
      """;

  private static List<PatternError> errors(String yaml) {
    List<PatternError> errors = new ArrayList<>();
    PatternParser.parse("f.yaml", yaml, errors);
    return errors;
  }

  private static PatternError only(String yaml) {
    List<PatternError> errors = errors(yaml);
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  @Test
  void aValidFileParsesAndResolvesItsProfiles() {
    List<PatternError> errors = new ArrayList<>();
    PatternDefinition def = PatternParser.parse("f.yaml", VALID, errors);
    assertThat(errors).isEmpty();
    PatternSpec spec = def.resolve("slow", Map.of("n", "4"));
    assertThat(spec.profile()).isEqualTo("slow");
    assertThat(spec.params()).containsEntry("n", 4);
    assertThat(spec.uid()).isEqualTo("cep-p-v1");
    assertThat(spec.stages()).extracting(StageSpec::name).containsExactly("a", "b");
  }

  @Test
  void unknownKeyNamesFileLinePathAndSuggestsTheNearestKey() {
    PatternError e = only(VALID.replace("window: 10s", "windw: 10s"));
    assertThat(e.file()).isEqualTo("f.yaml");
    assertThat(e.line()).isEqualTo(17);
    assertThat(e.path()).isEqualTo("windw");
    assertThat(e.message()).contains("did you mean 'window'");
    assertThat(e.toString()).startsWith("f.yaml:17: windw: unknown key");
  }

  @Test
  void unknownStageKeyIsReportedAtItsPath() {
    PatternError e =
        only(VALID.replace("    type: click\n  - name: b", "    typ: click\n  - name: b"));
    assertThat(e.path()).isEqualTo("stages[0].typ");
    assertThat(e.line()).isEqualTo(13);
  }

  @Test
  void wrongTypesAreNamed() {
    assertThat(only(VALID.replace("version: 1", "version: one")).message())
        .contains("whole number");
    assertThat(only(VALID.replace("window: 10s", "window: soon")).message()).contains("duration");
    assertThat(only(VALID.replace("severity: low", "severity: dire")).path()).isEqualTo("severity");
  }

  @Test
  void undefinedParameterIsRejectedWithSuggestion() {
    PatternError e = only(VALID.replace("lt: $gap", "lt: $gapp"));
    assertThat(e.path()).isEqualTo("stages[1].where.lt");
    assertThat(e.message()).contains("undefined parameter $gapp").contains("did you mean 'gap'");
  }

  @Test
  void profileSettingAnUnknownParameterOrABadValueIsRejected() {
    assertThat(only(VALID.replace("slow: {gap: 5s}", "slow: {gapp: 5s}")).path())
        .isEqualTo("profiles.slow.gapp");
    assertThat(only(VALID.replace("slow: {gap: 5s}", "slow: {n: many}")).message())
        .contains("expected an integer");
  }

  @Test
  void referencesToMissingOrLaterStagesAreRejected() {
    assertThat(only(VALID.replace("time_since: previous", "time_since: nowhere")).message())
        .contains("refers to 'nowhere'");
    String later =
        VALID.replace(
            "    type: click\n  - name: b",
            "    type: click\n    where: {field: x, same_as: b}\n  - name: b");
    assertThat(only(later).message()).contains("comes later");
  }

  @Test
  void impossibleWindowsAreRejected() {
    String stageLongerThanWindow =
        VALID.replace("where: {time_since: previous, lt: $gap}", "within: 1m");
    assertThat(only(stageLongerThanWindow).message()).contains("impossible window");
    assertThat(only(VALID.replace("window: 10s", "window: 0ms")).message())
        .contains("impossible window");
  }

  @Test
  void aFinalAbsentStageNeedsAWindow() {
    String yaml =
        VALID
            .replace("    where: {time_since: previous, lt: $gap}", "    absent: true")
            .replace("window: 10s", "");
    assertThat(only(yaml).message()).contains("needs a window");
  }

  @Test
  void badRegexUnknownFieldAndMalformedConditionsAreRejected() {
    assertThat(
            only(VALID.replace(
                    "{time_since: previous, lt: $gap}", "{field: target.text, matches: '(('}"))
                .message())
        .contains("regular expression");
    assertThat(
            only(VALID.replace("{time_since: previous, lt: $gap}", "{field: target.tagg, eq: a}"))
                .message())
        .contains("unknown field 'target.tagg'")
        .contains("did you mean 'target.tag'");
    assertThat(only(VALID.replace("{time_since: previous, lt: $gap}", "{field: x}")).message())
        .contains("add an operator");
    assertThat(
            only(VALID.replace("{time_since: previous, lt: $gap}", "{field: x, all: []}"))
                .message())
        .contains("exactly one of");
  }

  @Test
  void quantifierMisuseIsRejected() {
    assertThat(
            only(VALID.replace(
                    "    type: click\n  - name: b",
                    "    type: click\n    greedy: true\n  - name: b"))
                .message())
        .contains("repeating stages");
    assertThat(
            only(VALID.replace(
                    "    type: click\n  - name: b", "    type: click\n    times: 0\n  - name: b"))
                .message())
        .contains("at least 1");
    assertThat(
            only(VALID.replace(
                    "  - name: a\n    type: click",
                    "  - name: a\n    type: click\n    absent: true"))
                .message())
        .contains("cannot start with an absent stage");
  }

  @Test
  void examplesAreCheckedToo() {
    String yaml =
        VALID
            + """
            examples:
              - name: bad event
                events:
                  - {id: c1, type: click, t: soon}
                  - {id: c2, t: 0}
                expect: [[c1]]
              - name: no expectation
                events: [{id: c1, type: click, t: 0}]
            """;
    List<PatternError> errors = errors(yaml);
    assertThat(errors)
        .extracting(PatternError::path)
        .contains("examples[0].events[0].t", "examples[0].events[1].type", "examples[1].expect");
  }

  @Test
  void invalidYamlReportsTheLine() {
    PatternError e = only("id: p\nstages: [\n");
    assertThat(e.message()).contains("not valid YAML");
    assertThat(e.line()).isPositive();
  }

  @Test
  void aCatalogReportsAllErrorsOfAllFilesAtOnceIncludingDuplicateIds(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("a.yaml"), VALID);
    Files.writeString(dir.resolve("b.yaml"), VALID);
    Files.writeString(
        dir.resolve("c.yaml"), VALID.replace("id: p", "id: q").replace("window: 10s", "windw: 1s"));
    Files.writeString(
        dir.resolve("d.yaml"),
        VALID.replace("id: p", "id: r").replace("severity: low", "severity: x"));
    assertThatThrownBy(() -> PatternCatalog.definitions(dir))
        .isInstanceOfSatisfying(
            MalformedPatternException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(PatternError::file)
                  .containsExactlyInAnyOrder(
                      dir.resolve("b.yaml").toString(),
                      dir.resolve("c.yaml").toString(),
                      dir.resolve("d.yaml").toString());
              assertThat(e.getMessage()).contains("duplicate id 'p'").contains("3 errors");
            });
  }

  @Test
  void parameterSettingsNameTheBadSetting(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yaml"), VALID);
    List<PatternDefinition> defs = PatternCatalog.definitions(dir);
    assertThat(PatternCatalog.resolve(defs, Map.of("p.enabled", "false"))).isEmpty();
    assertThat(PatternCatalog.resolve(defs, Map.of("p.profile", "slow")).get(0).profile())
        .isEqualTo("slow");
    assertThatThrownBy(() -> PatternCatalog.resolve(defs, Map.of("p.gap", "fast")))
        .hasMessageContaining("--param p.gap=fast")
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> PatternCatalog.resolve(defs, Map.of("nope.gap", "1s")))
        .hasMessageContaining("no pattern 'nope'");
    assertThatThrownBy(() -> PatternCatalog.resolve(defs, Map.of("p.profile", "fast")))
        .hasMessageContaining("no profile 'fast'");
    assertThatThrownBy(() -> PatternCatalog.resolve(defs, Map.of("p.nope", "1")))
        .hasMessageContaining("has no parameter 'nope'");
  }

  @Test
  void theUidCarriesTheStateVersion() {
    List<PatternError> errors = new ArrayList<>();
    PatternDefinition def =
        PatternParser.parse(
            "f.yaml", VALID.replace("version: 1", "version: 7\nstate_version: 2"), errors);
    PatternSpec spec = def.resolve(null, Map.of());
    assertThat(spec.version()).isEqualTo(7);
    assertThat(spec.uid()).isEqualTo("cep-p-v2");
  }

  @Test
  void aFileWithManyErrorsReportsEveryOneInOneRun() throws Exception {
    String text =
        new String(
            PatternParserTest.class.getResourceAsStream("/errors/many-errors.yaml").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    List<PatternError> errors = new ArrayList<>();
    assertThat(PatternParser.parse("many-errors.yaml", text, errors)).isNull();
    assertThat(errors)
        .extracting(e -> e.line() + " " + e.path())
        .containsExactly(
            "9 params.gap.default",
            "15 stages[0].where.or",
            "20 stages[1].how",
            "23 stages[2].time",
            "25 stages[2].where.and",
            "27 stages[2].where.and[1].lt",
            "29 cooldown",
            "30 fyre",
            "36 examples[0].events[2].t",
            "37 examples[0].expect[0]");
    assertThat(errors)
        .extracting(PatternError::message)
        .containsExactly(
            "a parameter needs a default",
            "unknown key 'or' (did you mean 'any'? any: [...] holds when one of its conditions"
                + " holds)",
            "unknown key 'how': how is an event field; a stage tests its events under where:,"
                + " e.g. where: {field: how, eq: back}",
            "unknown key 'time' (did you mean 'times'?)",
            "unknown key 'and' (did you mean 'all'? all: [...] holds when every one of its"
                + " conditions holds)",
            "undefined parameter $gapp (did you mean 'gap'?)",
            "a compound duration names each unit once, from the largest down (h, m, s, ms), as"
                + " in 1h30m or 3m20s; got '30m1h'",
            "unknown key 'fyre' (did you mean 'fire'?)",
            "t is an offset such as 250ms or 2s: only the last part of a compound duration may"
                + " have a fraction (1h30m, not 1.5h30m); got '2.5m20s'",
            "a match is a non-empty list of event ids, e.g. [c1, c2]");
  }

  @Test
  void aValueFromABrokenParameterIsNotJudgedAgain() {
    List<PatternError> errors =
        errors(
            VALID.replace("gap: 1s", "gap: {type: duration, default: soon}")
                + "examples:\n  - {name: e, params: {gap: 2s}, events: [{id: c, type: click, t: 0}],"
                + " expect: none}\n");
    assertThat(errors).extracting(PatternError::path).containsExactly("params.gap.default");
  }

  @Test
  void paramsThatAreNotAMappingAreOneError() {
    List<PatternError> errors =
        errors(
            VALID.replace("  gap: 1s\n  n: 3\n", "  - gap\n  - n\n")
                + "examples:\n  - {name: e, params: {n: 2}, events: [{id: c, type: click, t: 0}],"
                + " expect: none}\n");
    assertThat(errors).extracting(PatternError::path).containsExactly("params");
  }

  @Test
  void exampleErrorsDoNotHideTheStagesErrors() {
    List<PatternError> errors =
        errors(
            VALID.replace("    type: click\n  - name: b", "    how: back\n  - name: b")
                + "examples:\n  - {name: e, events: [{id: c, type: click, t: 0}], expect: [c]}\n");
    assertThat(errors)
        .extracting(PatternError::path)
        .containsExactly("stages[0].how", "examples[0].expect[0]");
  }
}
