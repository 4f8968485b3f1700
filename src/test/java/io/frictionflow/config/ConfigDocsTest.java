package io.frictionflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
  @Test
  void theConfigurationPageListsEveryOptionAsDefined() throws Exception {
    assertThat(Files.readString(Path.of("docs/configuration.md")))
        .contains(ConfigDocs.table())
        .contains(ConfigDocs.destinationTable());
  }

  @Test
  void defaultsParse() {
    JobSettings s = JobSettings.defaults();
    assertThat(s.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.dedupeHorizon()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void anUnknownKeyFailsNamingTheKey() {
    assertThatThrownBy(() -> JobSettings.from(Map.of("frictionflow.time.idlenes", "1s")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo("frictionflow.time.idlenes"))
        .hasMessageContaining("unknown option");
  }

  @Test
  void theInputFormatIsCanonicalUnlessSetAndAnUnknownOneFailsNamingTheKey() {
    assertThat(JobSettings.defaults().decoder().format())
        .isEqualTo(io.frictionflow.event.DecoderSettings.InputFormat.CANONICAL);
    assertThat(JobSettings.from(Map.of("frictionflow.input.format", "PostHog")).decoder().format())
        .isEqualTo(io.frictionflow.event.DecoderSettings.InputFormat.POSTHOG);
    assertThatThrownBy(() -> JobSettings.from(Map.of("frictionflow.input.format", "amplitude")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo("frictionflow.input.format"))
        .hasMessageContaining("amplitude")
        .hasMessageContaining("canonical, posthog, segment, snowplow, rrweb");
  }

  @Test
  void aBadValueFailsNamingTheKeyAndTheValue() {
    assertThatThrownBy(() -> JobSettings.from(Map.of("frictionflow.dedupe.horizon", "forever")))
        .hasMessageContaining("frictionflow.dedupe.horizon")
        .hasMessageContaining("forever");
    assertThatThrownBy(() -> JobSettings.from(Map.of("frictionflow.time.idleness", "0 s")))
        .hasMessageContaining("frictionflow.time.idleness: must be longer than zero");
    assertThatThrownBy(() -> JobSettings.from(Map.of("frictionflow.events.max-bytes", "10")))
        .hasMessageContaining("frictionflow.events.max-bytes");
  }

  @Test
  void aConfigFileReadsNestedKeys(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "frictionflow:\n  time:\n    max-out-of-orderness: 1s\n");
    assertThat(JobSettings.from(ConfigFiles.read(f)).maxOutOfOrderness())
        .isEqualTo(Duration.ofSeconds(1));
  }
}
