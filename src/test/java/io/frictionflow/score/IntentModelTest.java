package io.frictionflow.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentModelTest {
  static IntentModel small() {
    return new IntentModel(
        List.of(
            new FeatureSpec("x", true, false, 1.0, 2.0, List.of()),
            new FeatureSpec("c", false, false, 0, 1, List.of("a", "b"))),
        new double[] {0.5, 1.0, -1.0},
        -0.25,
        0.4,
        Map.of("trained_on", "hand"));
  }

  private static IntentModel parse(String json) throws Exception {
    return IntentModel.parse("m.json", JsonMapper.builder().build().readTree(json));
  }

  @Test
  void scoresMatchHandComputedValues() {
    IntentScorer s = new IntentScorer(small());
    // z = -0.25 + 0.5 * (3 - 1) / 2 + (-1.0) = -0.75
    assertThat(s.score(Map.of("x", 3.0, "c", "b")))
        .isCloseTo(1 / (1 + Math.exp(0.75)), within(1e-12));
    // z = -0.25 + 0.5 * (0 - 1) / 2 + 1.0 = 0.5 (missing x counts as 0)
    assertThat(s.score(Map.of("c", "a"))).isCloseTo(1 / (1 + Math.exp(-0.5)), within(1e-12));
    // unseen category: no one-hot weight; numeric text parses
    assertThat(s.score(Map.of("x", "1", "c", "zzz")))
        .isCloseTo(1 / (1 + Math.exp(0.25)), within(1e-12));
    IntentModel logModel =
        new IntentModel(
            List.of(new FeatureSpec("x", true, true, 0.0, 1.0, List.of())),
            new double[] {2},
            0,
            0.5,
            Map.of());
    // z = 2 * log1p(e - 1) = 2
    assertThat(new IntentScorer(logModel).score(Map.of("x", Math.E - 1)))
        .isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12));
  }

  @Test
  void roundTripsThroughItsJsonFile() throws Exception {
    IntentModel back = parse(small().toJson());
    assertThat(new IntentScorer(back).score(Map.of("x", 3.0, "c", "b")))
        .isEqualTo(new IntentScorer(small()).score(Map.of("x", 3.0, "c", "b")));
    assertThat(back.metadata()).containsEntry("trained_on", "hand");
  }

  @Test
  void rejectsInconsistentFilesNamingTheField() {
    String ok = small().toJson();
    assertThatThrownBy(() -> parse(ok.replace("\"schema_version\" : 1", "\"schema_version\" : 9")))
        .hasMessageContaining("m.json: schema_version");
    assertThatThrownBy(() -> parse(ok.replace("-1.0", "-1.0, 3.0")))
        .hasMessageContaining("weights has 4 entries but the features expand to 3");
    assertThatThrownBy(() -> parse(ok.replace("\"std\" : 2.0", "\"std\" : 0.0")))
        .hasMessageContaining("features[0]");
    assertThatThrownBy(() -> parse(ok.replace("\"categorical\"", "\"ordinal\"")))
        .hasMessageContaining("features[1].kind");
    assertThatThrownBy(() -> parse(ok.replace("\"threshold\" : 0.4", "\"threshold\" : 1.5")))
        .hasMessageContaining("threshold");
    assertThatThrownBy(() -> parse("[]")).hasMessageContaining("JSON object");
  }

  @Test
  void theBundledModelLoadsAndUsesFeaturesTheExtractorComputes() {
    IntentModel m = IntentModel.bundled();
    assertThat(m.features())
        .allSatisfy(
            f -> assertThat(FeatureExtractor.values(new SessionFeatures())).containsKey(f.name()));
    assertThat(m.threshold()).isBetween(0.0, 1.0);
  }
}
