package io.frictionflow.pattern;

import static io.frictionflow.TestEvents.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.frictionflow.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No pattern file can exhaust the validator or the job: each limit is an error with its place. */
class PatternLimitsTest {
  private static final String HEAD =
      """
      id: p
      version: 1
      description: d
      severity: low
      on: [click]
      params:
        clicks: {type: int, default: 3}
      profiles:
        many: {clicks: 4}
      """;

  /** A file whose only stage has {@code where}, under {@code HEAD}. */
  private static String withStage(String stageLines) {
    return HEAD + "stages:\n  - name: a\n    type: click\n" + stageLines + "window: 10s\n";
  }

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

  private static Condition where(String yaml) {
    List<PatternError> errors = new ArrayList<>();
    PatternDefinition def = PatternParser.parse("f.yaml", yaml, errors);
    assertThat(errors).isEmpty();
    return def.resolve(null, Map.of()).stages().get(0).where();
  }

  private static Event clickWithText(String text) {
    return click("#b").put("target", Map.of("selector", "#b", "tag", "a", "text", text)).event();
  }

  @Test
  void aBacktrackingRegexMatchesInLinearTime() {
    // java.util.regex took more than 120 s for three such texts.
    Condition c = where(withStage("    where: {field: target.text, matches: '(.*a){12}$'}\n"));
    Event miss = clickWithText("a".repeat(100) + "!");
    Event hit = clickWithText("a".repeat(101));
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (int i = 0; i < 3; i++) {
            assertThat(c.test(miss, MatchView.EMPTY)).isFalse();
            assertThat(c.test(hit, MatchView.EMPTY)).isTrue();
          }
        });
  }

  @Test
  void regexConstructsRe2CannotExpressAreRejectedWithFileLineFieldAndTheSyntaxName() {
    Map<String, String> reasons =
        Map.of(
            "'(a)\\1'", "backreferences are not supported",
            "'a(?=b)'", "lookahead is not supported",
            "'a(?!b)'", "lookahead is not supported",
            "'(?<=a)b'", "lookbehind is not supported",
            "'(?<!a)b'", "lookbehind is not supported",
            "'a*+'", "possessive quantifiers",
            "'(?>a)'", "atomic groups are not supported");
    reasons.forEach(
        (regex, reason) -> {
          PatternError e =
              only(withStage("    where: {field: target.text, matches: " + regex + "}\n"));
          assertThat(e.file()).isEqualTo("f.yaml");
          assertThat(e.line()).as(regex).isEqualTo(13);
          assertThat(e.path()).isEqualTo("stages[0].where.matches");
          assertThat(e.message())
              .as(regex)
              .contains(reason)
              .contains("RE2 syntax, https://github.com/google/re2/wiki/Syntax");
        });
  }

  @Test
  void regexesAreCappedInLengthAndInUnrolledSize() {
    String longRegex = "a".repeat(PatternLimits.MAX_REGEX_LENGTH + 1);
    assertThat(only(withStage("    where: {field: target.text, matches: " + longRegex + "}\n")))
        .extracting(PatternError::message)
        .asString()
        .contains("1001 characters long; the limit is 1000");
    // RE2/J accepts this and needs a million instructions; two more levels exhaust the heap.
    assertThat(
            only(withStage(
                    "    where: {field: target.text, matches: '(((a{100}){100}){100}){100}'}\n"))
                .message())
        .contains("expands to about")
        .contains("the limit is 1000");
    assertThat(Regexes.expandedSize("[a-z]{2,5}(x|y)*\\d")).isLessThan(20);
    assertThat(Regexes.expandedSize("(ab){1000}")).isGreaterThanOrEqualTo(2000);
    assertThat(Regexes.expandedSize("[{]{1000}")).isGreaterThanOrEqualTo(1000);
    assertThat(Regexes.expandedSize("\\Qa{1000}\\E")).isLessThan(20);
    assertThat(Regexes.expandedSize("(?i)(?P<n>ab)(?:cd){3}")).isLessThan(20);
  }

  @Test
  void repetitionsAreCappedWhereverTheCountComesFrom() {
    PatternError times = only(withStage("    times: 10000000\n"));
    assertThat(times.path()).isEqualTo("stages[0].times");
    assertThat(times.line()).isEqualTo(13);
    assertThat(times.message()).contains("10000000 is above the limit of 1000 repetitions");
    PatternError max = only(withStage("    times: {min: 2, max: 30000}\n"));
    assertThat(max.path()).isEqualTo("stages[0].times.max");
    PatternError atLeast = only(withStage("    times: {at_least: 5000}\n"));
    assertThat(atLeast.path()).isEqualTo("stages[0].times.at_least");
    assertThat(only(withStage("    times: 99999999999999999999\n")).message())
        .contains("above the limit");
    // From a parameter, under a profile, and from the command line.
    PatternError param =
        only(
            withStage("    times: $clicks\n").replace("many: {clicks: 4}", "many: {clicks: 5000}"));
    assertThat(param.path()).isEqualTo("stages[0].times");
    assertThat(param.message()).contains("(from $clicks)").contains("[profile many]");
    List<PatternError> errors = new ArrayList<>();
    PatternDefinition def =
        PatternParser.parse("f.yaml", withStage("    times: $clicks\n"), errors);
    assertThatThrownBy(() -> def.resolve(null, Map.of("clicks", "1000000")))
        .isInstanceOf(MalformedPatternException.class)
        .hasMessageContaining("above the limit of 1000");
  }

  @Test
  void repetitionsOfAllStagesTogetherAreCapped() {
    String yaml =
        HEAD
            + """
            stages:
              - {name: a, type: click, times: 600}
              - {name: b, type: click, times: {at_least: 600}}
            window: 10s
            """;
    PatternError e = only(yaml);
    assertThat(e.path()).isEqualTo("stages");
    assertThat(e.message()).contains("repeat 1201 times in all").contains("limit is 1000");
  }

  @Test
  void stagesAreCapped() {
    StringBuilder stages = new StringBuilder(HEAD + "stages:\n");
    for (int i = 0; i <= PatternLimits.MAX_STAGES; i++) {
      stages.append("  - {name: s").append(i).append(", type: click}\n");
    }
    PatternError e = only(stages.toString());
    assertThat(e.path()).isEqualTo("stages");
    assertThat(e.line()).isEqualTo(10);
    assertThat(e.message()).isEqualTo("51 stages; a pattern has at most 50 stages");
  }

  @Test
  void aLargeButAllowedRepetitionCompilesQuickly() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          List<PatternError> errors = new ArrayList<>();
          PatternDefinition def =
              PatternParser.parse(
                  "f.yaml",
                  withStage("    times: " + PatternLimits.MAX_REPETITIONS + "\n"),
                  errors);
          assertThat(errors).isEmpty();
          assertThat(CepPatternCompiler.check(def.resolve(null, Map.of()))).isNull();
        });
  }

  @Test
  void tooManyProfilesAreRejected() {
    StringBuilder profiles = new StringBuilder();
    for (int i = 0; i <= PatternLimits.MAX_PROFILES; i++) {
      profiles.append("  p").append(i).append(": {clicks: 3}\n");
    }
    PatternError e = only(withStage("").replace("  many: {clicks: 4}\n", profiles.toString()));
    assertThat(e.path()).isEqualTo("profiles");
    assertThat(e.message()).contains("51 profiles").contains("at most 50");
  }

  @Test
  void durationsOutOfRangeAreReportedNotThrown() {
    // Twenty digits threw NumberFormatException out of the parser.
    PatternError digits =
        only(withStage("").replace("window: 10s", "window: '99999999999999999999'"));
    assertThat(digits.path()).isEqualTo("window");
    assertThat(digits.message()).contains("longer than the limit of 720h (30 days)");
    assertThat(only(withStage("").replace("window: 10s", "window: 9999999999999999999999")))
        .extracting(PatternError::path)
        .isEqualTo("window");
    assertThat(only(withStage("").replace("window: 10s", "window: 31d")).message())
        .contains("expected a duration");
    assertThat(only(withStage("").replace("window: 10s", "window: 1000h")).message())
        .contains("longer than the limit");
    assertThat(
            only(withStage("    where: {time_since: previous, lt: 99999999999999999999999ms}\n"))
                .path())
        .isEqualTo("stages[0].where.lt");
    String param =
        HEAD.replace(
                "clicks: {type: int, default: 3}",
                "gap: {type: duration, default: 99999999999999999999}")
            .replace("many: {clicks: 4}", "many: {}");
    assertThat(only(param + "stages: [{name: a, type: click}]\n").path())
        .isEqualTo("params.gap.default");
    String example =
        withStage("")
            + "examples:\n  - name: x\n    events: [{id: c, type: click, t: 99999999999999999999h}]\n"
            + "    expect: none\n";
    assertThat(only(example).path()).isEqualTo("examples[0].events[0].t");
    assertThat(Durations.parse("99999999999999999999")).isNull();
    assertThat(Durations.parse("2.5s")).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void aFileAboveTheSizeLimitIsRejectedBeforeItIsRead(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.yaml");
    Files.writeString(
        big, withStage("") + "tags: ['" + "x".repeat(PatternLimits.MAX_FILE_BYTES) + "']\n");
    Files.writeString(dir.resolve("ok.yaml"), withStage("").replace("id: p", "id: q"));
    long size = Files.size(big);
    PatternCatalog.Loaded loaded =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PatternCatalog.load(dir));
    assertThat(loaded.definitions()).extracting(PatternDefinition::id).containsExactly("q");
    assertThat(loaded.errors()).hasSize(1);
    assertThat(loaded.errors().get(0).file()).isEqualTo(big.toString());
    assertThat(loaded.errors().get(0).message())
        .isEqualTo(
            "the file is " + size + " bytes; a pattern file is at most 1048576 bytes (1 MB)");
    // Text that arrives without a file is held to the same limit.
    assertThat(only("description: '" + "x".repeat(PatternLimits.MAX_FILE_BYTES) + "'\n").message())
        .contains("at most 1048576 bytes");
  }

  @Test
  void deeplyNestedYamlIsRejectedWithAReason() {
    String deep =
        withStage(
            "    where: "
                + "{not: ".repeat(100)
                + "{field: x, exists: true}"
                + "}".repeat(100)
                + "\n");
    PatternError e = only(deep);
    assertThat(e.message()).contains("not valid YAML").contains("nesting depth");
  }

  @Test
  void yamlAliasesAreNotExpanded() {
    // A "billion laughs" file: an alias stays the anchor's name, nothing multiplies.
    StringBuilder laughs =
        new StringBuilder(withStage("") + "tags: &l0 [x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      laughs.append("l").append(i).append(": &l").append(i).append(" [");
      laughs.append(String.join(", ", java.util.Collections.nCopies(8, "*l" + (i - 1))));
      laughs.append("]\n");
    }
    List<PatternError> errors =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> errors(laughs.toString()));
    assertThat(errors).extracting(PatternError::path).contains("l1", "l8");
  }

  @Test
  void aKeyGivenTwiceIsAnErrorNotASilentOverride() {
    PatternError e = only(withStage("") + "window: 1h\n");
    assertThat(e.message()).contains("not valid YAML").contains("Duplicate field 'window'");
    assertThat(e.line()).isEqualTo(14);
  }

  @Test
  void theEditorSchemaCarriesTheLimits() throws Exception {
    com.networknt.schema.JsonSchema schema;
    try (java.io.InputStream in = Files.newInputStream(Path.of("schemas/pattern.schema.json"))) {
      schema =
          com.networknt.schema.JsonSchemaFactory.getInstance(
                  com.networknt.schema.SpecVersion.VersionFlag.V202012)
              .getSchema(in);
    }
    var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
    String ok = withStage("    times: 1000\n");
    assertThat(schema.validate(yaml.readTree(ok))).isEmpty();
    assertThat(schema.validate(yaml.readTree(withStage("    times: 1001\n")))).isNotEmpty();
    assertThat(schema.validate(yaml.readTree(withStage("    times: {min: 1, max: 5000}\n"))))
        .isNotEmpty();
    String longRegex = "    where: {field: x, matches: " + "a".repeat(1001) + "}\n";
    assertThat(schema.validate(yaml.readTree(withStage(longRegex)))).isNotEmpty();
  }
}
