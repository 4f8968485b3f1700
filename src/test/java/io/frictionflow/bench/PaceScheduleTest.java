package io.frictionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaceScheduleTest {
  @Test
  void eventsAreDueAtFixedIntervalsFromTheFirst() {
    PaceSchedule s = new PaceSchedule(1000);
    assertThat(s.dueNanos(0)).isZero();
    assertThat(s.dueNanos(1)).isEqualTo(1_000_000);
    assertThat(s.dueNanos(2500)).isEqualTo(2_500_000_000L);
    assertThat(s.seconds(5000)).isEqualTo(5.0);
  }

  @Test
  void aLateEventDoesNotPushTheNextOnesBack() {
    PaceSchedule s = new PaceSchedule(1000);
    // 10 ms behind: events 0..9 are all due at once, event 12 still waits for its own slot.
    assertThat(s.waitNanos(3, 10_000_000)).isZero();
    assertThat(s.waitNanos(12, 10_000_000)).isEqualTo(2_000_000);
  }

  @Test
  void halfAndFractionsAreRelativeToTheFullSpeed() {
    assertThat(PaceSchedule.resolve("half", 30_000).eventsPerSecond()).isEqualTo(15_000);
    assertThat(PaceSchedule.resolve("0.25x", 40_000).eventsPerSecond()).isEqualTo(10_000);
    assertThat(PaceSchedule.resolve("5000", 0).eventsPerSecond()).isEqualTo(5000);
    assertThat(PaceSchedule.isRelative("half")).isTrue();
    assertThat(PaceSchedule.isRelative("5000")).isFalse();
  }

  @Test
  void rejectsAnUnknownOrNonPositiveRate() {
    assertThatThrownBy(() -> PaceSchedule.resolve("fast", 1000))
        .hasMessageContaining("expected half");
    assertThatThrownBy(() -> new PaceSchedule(0)).hasMessageContaining("positive");
  }
}
