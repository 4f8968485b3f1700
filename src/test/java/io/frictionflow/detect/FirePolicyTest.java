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
    FirePolicy policy = new FirePolicy(spec, Duration.ofMinutes(30));
    FireState state = FireState.EMPTY;
    List<String> out = new ArrayList<>();
    for (Signal s : signals) {
      FirePolicy.Decision d = policy.decide(state, s, s.lastEventTime());
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

  private static final long MIN = 60_000;

  @Test
  void cooldownIsMeasuredFromWhenAnAbsenceMatchIsEmittedNotFromItsLastEvent() {
    // cart-abandonment: adds at 0 and 25 min, each emitted when its 10 min window closes.
    FirePolicy policy =
        new FirePolicy(
            new FireSpec(FireSpec.Mode.EVERY_MATCH, Duration.ofMinutes(30)),
            Duration.ofMinutes(30));
    FirePolicy.Decision first = policy.decide(FireState.EMPTY, signal(0, "a1"), 10 * MIN);
    assertThat(first.fire()).isTrue();
    // The state lives until the cooldown after the emission ends, not 30 min after the add.
    assertThat(policy.expiry(first.next())).isEqualTo(40 * MIN);
    FirePolicy.Decision second = policy.decide(first.next(), signal(25 * MIN, "a2"), 35 * MIN);
    assertThat(second.fire()).isFalse();
    FirePolicy.Decision third = policy.decide(second.next(), signal(31 * MIN, "a3"), 41 * MIN);
    assertThat(third.fire()).isTrue();
  }

  @Test
  void oncePerSessionFiresAgainOnlyAfterASessionTimeoutWithoutMatches() {
    FirePolicy policy =
        new FirePolicy(new FireSpec(FireSpec.Mode.ONCE_PER_SESSION, null), Duration.ofMinutes(30));
    FireState s = policy.decide(FireState.EMPTY, signal(0, "a"), 10 * MIN).next();
    FirePolicy.Decision held = policy.decide(s, signal(20 * MIN, "b"), 35 * MIN);
    assertThat(held.fire()).isFalse();
    // 30 min after b's emission the session is over for this pattern, even before a timer clears.
    assertThat(policy.expiry(held.next())).isEqualTo(65 * MIN);
    assertThat(policy.decide(held.next(), signal(60 * MIN, "c"), 64 * MIN).fire()).isFalse();
    assertThat(policy.decide(held.next(), signal(60 * MIN, "c"), 65 * MIN).fire()).isTrue();
  }
}
