package io.frictionflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frictionflow.config.InvalidConfigException;
import io.frictionflow.config.JobSettings;
import io.frictionflow.score.IntentModel;
import io.frictionflow.session.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings' domain objects are built at job build time and bad values still name the key. */
class SessionPartsTest {
  @Test
  void theBundledModelAndItsThresholdByDefault() {
    SessionParts parts = SessionParts.of(JobSettings.defaults());

    assertThat(parts.model()).isNotNull();
    assertThat(parts.threshold()).isEqualTo(IntentModel.bundled().threshold());
    assertThat(parts.hysteresis()).isEqualTo(0.1);
    assertThat(parts.contexts()).isNotNull();
  }

  @Test
  void noModelWhenIntentIsOff() {
    SessionParts parts =
        SessionParts.of(JobSettings.from(Map.of("frictionflow.intent.enabled", "false")));

    assertThat(parts.model()).isNull();
  }

  @Test
  void aBadModelFileFailsNamingTheModelKey(@TempDir Path dir) throws Exception {
    Path model = Files.writeString(dir.resolve("model.json"), "[]");
    JobSettings settings = JobSettings.from(Map.of("frictionflow.intent.model", model.toString()));

    assertThatThrownBy(() -> SessionParts.of(settings))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo("frictionflow.intent.model"))
        .hasMessageContaining("a model file is a JSON object");
  }

  @Test
  void aThresholdOutsideZeroToOneFailsNamingItsKey() {
    assertThatThrownBy(() -> JobSettings.from(Map.of("frictionflow.intent.threshold", "1.5")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo("frictionflow.intent.threshold"));
  }

  @Test
  void aHysteresisAtTheConfiguredThresholdFailsNamingItsKey() {
    assertThatThrownBy(
            () ->
                JobSettings.from(
                    Map.of(
                        "frictionflow.intent.threshold", "0.5",
                        "frictionflow.intent.hysteresis", "0.5")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo("frictionflow.intent.hysteresis"))
        .hasMessageContaining("below the threshold 0.5");
  }

  @Test
  void aHysteresisAtTheModelsThresholdFailsAtBuildNamingItsKey() {
    double t = IntentModel.bundled().threshold();
    JobSettings settings =
        JobSettings.from(Map.of("frictionflow.intent.hysteresis", Double.toString(t)));

    assertThatThrownBy(() -> SessionParts.of(settings))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo("frictionflow.intent.hysteresis"))
        .hasMessageContaining("below the threshold " + t);
  }

  @Test
  void theSecretParamsOptionDefaultsToTheRedactorsDefaults() {
    assertThat(JobSettings.defaults().session().privacy().secretParams())
        .containsExactlyElementsOf(Redactor.DEFAULT_SECRET_PARAMS);
  }
}
