package io.frictionflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code frictionflow.detect.mode}: eager by default, strict on request, nothing else. */
class DetectModeOptionTest {
  @Test
  void eagerByDefaultStrictOnRequestAnythingElseRefusedNamingTheKey() {
    assertThat(JobSettings.defaults().detectMode()).isEqualTo("eager");
    assertThat(JobSettings.from(Map.of("frictionflow.detect.mode", "STRICT")).detectMode())
        .isEqualTo("strict");
    assertThatThrownBy(() -> JobSettings.from(Map.of("frictionflow.detect.mode", "fast")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo("frictionflow.detect.mode"))
        .hasMessageContaining("eager or strict");
  }

  @Test
  void withoutWebhooksKeepsTheMode() {
    assertThat(
            JobSettings.from(Map.of("frictionflow.detect.mode", "strict"))
                .withoutWebhooks()
                .detectMode())
        .isEqualTo("strict");
  }
}
