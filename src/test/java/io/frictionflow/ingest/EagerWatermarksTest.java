package io.frictionflow.ingest;

import static io.frictionflow.TestEvents.T0;
import static io.frictionflow.TestEvents.click;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EagerWatermarksTest {
  private static final Duration BOUND = Duration.ofSeconds(2);

  /** The watermarks a generator emits, in order. */
  private static final class Emitted implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  }

  private static List<Long> run(Duration step, long... offsetsMillis) {
    EagerWatermarks gen = new EagerWatermarks(BOUND, step);
    Emitted out = new Emitted();
    for (long offset : offsetsMillis) {
      Decoded d = new Decoded(click("#pay").at(T0.plusMillis(offset)).event(), null);
      gen.onEvent(d, d.event().time(), out);
    }
    gen.onPeriodicEmit(out);
    return out.watermarks.stream().map(w -> w - (T0.toEpochMilli() - BOUND.toMillis())).toList();
  }

  @Test
  void withoutAStepEveryEventThatAdvancesTheWatermarkEmitsOne() {
    assertThat(run(Duration.ZERO, 0, 3, 2, 7)).containsExactly(-1L, 2L, 6L);
  }

  @Test
  void aStepEmitsOnlyWhenAnEventCompletesAStepAndNeverAheadOfTheBound() {
    // Watermarks relative to T0 - bound: bound minus one, rounded down to the 10 ms step.
    assertThat(run(Duration.ofMillis(10), 0, 3, 9, 10, 11, 25, 24, 31))
        .containsExactly(-10L, 0L, 10L, 20L, 30L);
  }

  @Test
  void rejectedRecordsDoNotMoveTheWatermark() {
    EagerWatermarks gen = new EagerWatermarks(BOUND, Duration.ofMillis(10));
    Emitted out = new Emitted();
    gen.onEvent(new Decoded(null, null), T0.toEpochMilli(), out);
    assertThat(out.watermarks).isEmpty();
  }

  @Test
  void theWatermarkNeverPassesTheArrivalWhateverTimeTheEventClaims() {
    EagerWatermarks gen = new EagerWatermarks(BOUND, Duration.ZERO);
    Emitted out = new Emitted();
    long arrival = T0.toEpochMilli();
    // Accepted a little ahead of its arrival (a fast device clock): it keeps its time, but only
    // the arrival moves the watermark.
    Decoded ahead = new Decoded(click("#pay").at(T0.plusSeconds(4)).event(), null, arrival);
    gen.onEvent(ahead, ahead.event().time(), out);
    assertThat(out.watermarks).containsExactly(arrival - BOUND.toMillis() - 1);
    // An event from before its arrival moves it by its own time, as before.
    Decoded behind =
        new Decoded(click("#pay").at(T0.plusMillis(500)).event(), null, arrival + 1_000);
    gen.onEvent(behind, behind.event().time(), out);
    assertThat(out.watermarks).last().isEqualTo(arrival + 500 - BOUND.toMillis() - 1);
  }
}
