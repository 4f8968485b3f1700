package io.frictionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DisorderTest {
  private static final Disorder REALISTIC = Disorder.of("realistic", 7);

  @Test
  void noneDelaysNothingAndRetriesNothing() {
    Disorder none = Disorder.of("none", 7);
    for (int n = 1; n <= 500; n++) {
      assertThat(none.delayMillis("sess-0001-" + n)).isZero();
      assertThat(none.retryMillis("sess-0001-" + n)).isEqualTo(-1);
    }
  }

  @Test
  void aSecondTabDelaysWholeBatchesOfSomeSessionsWithinTheRange() {
    int delayed = 0;
    int sessionsWithTwoTabs = 0;
    for (int s = 0; s < 1000; s++) {
      boolean twoTabs = false;
      for (int n = 1; n <= 50; n++) {
        String id = "sess-" + s + "-" + n;
        long d = REALISTIC.delayMillis(id);
        // One delay per batch: the same for every event of the batch.
        int firstOfBatch = (n - 1) / Disorder.BATCH * Disorder.BATCH + 1;
        assertThat(d).isEqualTo(REALISTIC.delayMillis("sess-" + s + "-" + firstOfBatch));
        if (n <= Disorder.BATCH) {
          assertThat(d).as("the first tab sends the first batch").isZero();
        }
        if (d > 0) {
          assertThat(d).isBetween(100L, 1500L);
          delayed++;
          twoTabs = true;
        }
      }
      sessionsWithTwoTabs += twoTabs ? 1 : 0;
    }
    // A fifth of sessions, half of their 45 events after the first batch: about 4,500.
    assertThat(sessionsWithTwoTabs).isBetween(150, 250);
    assertThat(delayed).isBetween(3300, 5700);
  }

  @Test
  void aRetriedCopyArrivesAfterItsFirstSendWithinTheRange() {
    int retried = 0;
    for (int s = 0; s < 1000; s++) {
      for (int n = 1; n <= 50; n++) {
        String id = "sess-" + s + "-" + n;
        long r = REALISTIC.retryMillis(id);
        if (r >= 0) {
          long first = REALISTIC.delayMillis(id);
          assertThat(r - first).isBetween(500L, 4000L);
          retried++;
        }
      }
    }
    // 2% of 10,000 batches of 5.
    assertThat(retried).isBetween(700, 1300);
  }

  @Test
  void theSameSeedDecidesTheSameAndAnotherSeedOtherwise() {
    Disorder again = Disorder.of("realistic", 7);
    Disorder other = Disorder.of("realistic", 8);
    int differ = 0;
    for (int s = 0; s < 200; s++) {
      for (int n = 1; n <= 50; n++) {
        String id = "sess-" + s + "-" + n;
        assertThat(again.delayMillis(id)).isEqualTo(REALISTIC.delayMillis(id));
        assertThat(again.retryMillis(id)).isEqualTo(REALISTIC.retryMillis(id));
        differ += other.delayMillis(id) != REALISTIC.delayMillis(id) ? 1 : 0;
      }
    }
    assertThat(differ).isPositive();
  }

  @Test
  void readsTheEventIdOfAGeneratedLine() {
    assertThat(Disorder.eventId("{\"event_id\":\"sess-0042-17\",\"session_id\":\"sess-0042\"}"))
        .isEqualTo("sess-0042-17");
  }

  @Test
  void refusesAnUnknownName() {
    assertThatThrownBy(() -> Disorder.of("chaos", 7)).hasMessageContaining("realistic or none");
  }
}
