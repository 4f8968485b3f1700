package io.frictionflow.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignalIdsTest {
  @Test
  void theSameMatchAlwaysGetsTheSameId() {
    assertThat(SignalIds.of("rage-click", 1, "s1", List.of("c1", "c2", "c3")))
        .isEqualTo(SignalIds.of("rage-click", 1, "s1", List.of("c1", "c2", "c3")))
        // Pinned (also computed with Python's hashlib): a stable contract across JVMs and releases.
        .isEqualTo("6f1acd2148a4e981d1fb9e43b8b43419")
        .hasSize(32);
  }

  @Test
  void matchesWithTheSameEndsButOtherEventsInBetweenGetDifferentIds() {
    String a = SignalIds.of("rage-click", 1, "s1", List.of("c1", "c2", "c4"));
    String b = SignalIds.of("rage-click", 1, "s1", List.of("c1", "c3", "c4"));
    String c = SignalIds.of("rage-click", 1, "s1", List.of("c1", "c2", "c3", "c4"));
    assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
  }

  @Test
  void everyIdentifyingPartChangesTheId() {
    String base = SignalIds.of("rage-click", 1, "s1", List.of("c1", "c2", "c3"));
    assertThat(
            List.of(
                base,
                SignalIds.of("dead-click", 1, "s1", List.of("c1", "c2", "c3")),
                SignalIds.of("rage-click", 2, "s1", List.of("c1", "c2", "c3")),
                SignalIds.of("rage-click", 1, "s2", List.of("c1", "c2", "c3")),
                SignalIds.of("rage-click", 1, "s1", List.of("c3", "c2", "c1")),
                // Parts cannot run into each other.
                SignalIds.of("rage-click", 1, "s1", List.of("c1c2", "c3"))))
        .doesNotHaveDuplicates();
  }

  @Test
  void oneAndTwoEventMatchesKeepTheIdsOfTheFirstAndLastHash() {
    // Before every event id was hashed, the id covered first and last only; matches of one or two
    // events keep those ids across the upgrade.
    assertThat(SignalIds.of("error-click", 1, "s1", List.of("c1", "e1")))
        .isEqualTo(SignalIds.of("error-click", 1, "s1", "c1", "e1"));
    assertThat(SignalIds.of("quick-back", 1, "s1", List.of("p1")))
        .isEqualTo(SignalIds.of("quick-back", 1, "s1", "p1", "p1"));
  }

  @Test
  void aSignalWithoutEventsHasNoMatchId() {
    assertThatThrownBy(() -> SignalIds.of("rage-click", 1, "s1", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
