package io.frictionflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.pattern.FireSpec;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirePolicyTest {
  private static Signal signal(long lastTime, String... ids) {
    return new Signal(
        String.join("-", ids),
        "match",
        "p",
        1,
        "s1",
        "high",
        0,
        0,
        lastTime,
        List.of(ids),
        null,
        null,
        0);
  }

  private static List<String> fired(FireSpec spec, Signal... signals) {
    FirePolicy policy = new FirePolicy(spec);
    FireState state = FireState.EMPTY;
    List<String> out = new ArrayList<>();
    for (Signal s : signals) {
      FirePolicy.Decision d = policy.decide(state, s);
      state = d.next();
      if (d.fire()) {
        out.add(s.signalId());
      }
    }
    return out;
  }

  @Test
  void everyMatchFiresEveryMatch() {
    assertThat(
            fired(
                new FireSpec(FireSpec.Mode.EVERY_MATCH, null),
                signal(1, "a", "b"),
                signal(2, "b", "c")))
        .containsExactly("a-b", "b-c");
  }

  @Test
  void oncePerIncidentChainsOverlappingMatchesAndFiresAgainForADisjointOne() {
    assertThat(
            fired(
                new FireSpec(FireSpec.Mode.ONCE_PER_INCIDENT, null),
                signal(3, "c1", "c2", "c3"),
                signal(4, "c2", "c3", "c4"),
                signal(5, "c3", "c4", "c5"),
                signal(9, "c7", "c8", "c9")))
        .containsExactly("c1-c2-c3", "c7-c8-c9");
  }

  @Test
  void oncePerSessionFiresOnce() {
    assertThat(
            fired(
                new FireSpec(FireSpec.Mode.ONCE_PER_SESSION, null),
                signal(1, "a"),
                signal(100_000, "b")))
        .containsExactly("a");
  }

  @Test
  void cooldownHoldsBackSignalsWithinItsEventTime() {
    assertThat(
            fired(
                new FireSpec(FireSpec.Mode.EVERY_MATCH, Duration.ofSeconds(10)),
                signal(1_000, "a"),
                signal(5_000, "b"),
                signal(11_000, "c"),
                signal(12_000, "d")))
        .containsExactly("a", "c");
  }
}
