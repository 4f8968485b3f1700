package io.frictionflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frictionflow.detect.DetectOperator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code frictionflow.detect.cache-sessions}: the detector's default, 0 for off, never negative.
 */
class DetectCacheOptionTest {
  private static final String KEY = "frictionflow.detect.cache-sessions";

  @Test
  void theDefaultIsTheDetectorsAndZeroTurnsTheCacheOff() {
    assertThat(JobSettings.defaults().detectCacheSessions())
        .isEqualTo(DetectOperator.DEFAULT_CACHE_SESSIONS);
    assertThat(JobSettings.from(Map.of(KEY, "0")).detectCacheSessions()).isZero();
    assertThat(JobSettings.from(Map.of(KEY, "500")).withoutWebhooks().detectCacheSessions())
        .isEqualTo(500);
  }

  @Test
  void aNegativeOrUnparsableSizeIsRefusedNamingTheKey() {
    for (String bad : new String[] {"-1", "many"}) {
      assertThatThrownBy(() -> JobSettings.from(Map.of(KEY, bad)))
          .isInstanceOfSatisfying(
              InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(KEY));
    }
    assertThatThrownBy(() -> JobSettings.from(Map.of(KEY, "-1")))
        .hasMessageContaining("must be 0 (no cache) or more");
  }
}
