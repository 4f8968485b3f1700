package io.frictionflow.detect;

import static io.frictionflow.TestEvents.click;
import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.event.Event;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.signal.Signal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signal id of a match covers every matched event. */
class MatchToSignalTest {
  private static final PatternSpec RAGE_CLICK =
      PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of()).stream()
          .filter(s -> s.id().equals("rage-click"))
          .findFirst()
          .orElseThrow();

  private static Event clickAt(String id, long millis) {
    return click("#pay").id(id).atMillis(millis).xy(100, 200).event();
  }

  private static Signal signal(Event... clicks) {
    return MatchToSignal.toSignal(RAGE_CLICK, Map.of("clicks", List.of(clicks)), "match", 0, 0);
  }

  @Test
  void twoMatchesWithTheSameFirstAndLastEventsButDifferentMiddlesGetDifferentIds() {
    Event c1 = clickAt("c1", 0);
    Event c2 = clickAt("c2", 100);
    Event c3 = clickAt("c3", 200);
    Event c4 = clickAt("c4", 300);
    Signal a = signal(c1, c2, c4);
    Signal b = signal(c1, c3, c4);
    assertThat(a.eventIds()).containsExactly("c1", "c2", "c4");
    assertThat(b.eventIds()).containsExactly("c1", "c3", "c4");
    assertThat(a.signalId()).isNotEqualTo(b.signalId());
  }

  @Test
  void theSameMatchGetsTheSameIdEveryTime() {
    Signal once = signal(clickAt("c1", 0), clickAt("c2", 100), clickAt("c3", 200));
    Signal again = signal(clickAt("c1", 0), clickAt("c2", 100), clickAt("c3", 200));
    assertThat(again.signalId()).isEqualTo(once.signalId());
  }

  @Test
  void aTimeoutSignalHasAnotherIdThanTheMatchOfTheSameEvents() {
    Event c1 = clickAt("c1", 0);
    Event c2 = clickAt("c2", 100);
    Signal match = signal(c1, c2);
    Signal timeout =
        MatchToSignal.toSignal(RAGE_CLICK, Map.of("clicks", List.of(c1, c2)), "timeout", 0, 0);
    assertThat(timeout.signalId()).isNotEqualTo(match.signalId());
  }
}
