package io.frictionflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.pattern.FireSpec;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.TestSignals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirePolicyTest {
  private static Signal signal(long lastTime, String... ids) {
    return TestSignals.match("p").id(String.join("-", ids)).at(lastTime).events(ids).build();
  }

  /** A pattern of the built-in catalog, under its defaults. */
  static PatternSpec catalog(String id) {
    return PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of())
        .stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** {@code p} with another fire policy. */
  static PatternSpec withFire(PatternSpec p, FireSpec fire) {
    return new PatternSpec(
        p.id(),
        p.version(),
        p.stateVersion(),
        p.description(),
        p.severity(),
        p.tags(),
        p.on(),
        p.stages(),
        p.window(),
        p.skip(),
        fire,
        p.emitTimeouts(),
        p.profile(),
        p.params());
  }

  private static List<String> fired(FireSpec spec, Signal... signals) {
    // rage-click ends on an event: its matches are emitted at their last event.
    FirePolicy policy =
        new FirePolicy(withFire(catalog("rage-click"), spec), Duration.ofMinutes(30));
    FireState state = FireState.EMPTY;
    List<String> out = new ArrayList<>();
    for (Signal s : signals) {
      assertThat(policy.emittedAt(s)).isEqualTo(s.lastEventTime());
      FirePolicy.Decision d = policy.decide(state, s, policy.emittedAt(s));
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
    // cart-abandonment: 10 min window, 30 min cooldown; adds at 0 and 25 min are emitted when
    // their windows close, at 10 and 35 min.
    FirePolicy policy = new FirePolicy(catalog("cart-abandonment"), Duration.ofMinutes(30));
    Signal a1 = signal(0, "a1");
    assertThat(policy.emittedAt(a1)).isEqualTo(10 * MIN);
    FirePolicy.Decision first = policy.decide(FireState.EMPTY, a1, policy.emittedAt(a1));
    assertThat(first.fire()).isTrue();
    // The state lives until the session timeout after the emission, not 30 min after the add.
    assertThat(policy.expiry(first.next())).isEqualTo(40 * MIN);
    Signal a2 = signal(25 * MIN, "a2");
    FirePolicy.Decision second = policy.decide(first.next(), a2, policy.emittedAt(a2));
    assertThat(second.fire()).isFalse();
    Signal a3 = signal(31 * MIN, "a3");
    assertThat(policy.decide(second.next(), a3, policy.emittedAt(a3)).fire()).isTrue();
  }

  @Test
  void oncePerSessionFiresAgainOnlyAfterASessionTimeoutWithoutMatches() {
    FirePolicy policy =
        new FirePolicy(
            withFire(
                catalog("cart-abandonment"), new FireSpec(FireSpec.Mode.ONCE_PER_SESSION, null)),
            Duration.ofMinutes(30));
    FireState s = policy.decide(FireState.EMPTY, signal(0, "a"), 10 * MIN).next();
    FirePolicy.Decision held = policy.decide(s, signal(20 * MIN, "b"), 35 * MIN);
    assertThat(held.fire()).isFalse();
    // 30 min after b's emission the session is over for this pattern, even before a timer clears.
    assertThat(policy.expiry(held.next())).isEqualTo(65 * MIN);
    assertThat(policy.decide(held.next(), signal(60 * MIN, "c"), 64 * MIN).fire()).isFalse();
    assertThat(policy.decide(held.next(), signal(60 * MIN, "c"), 65 * MIN).fire()).isTrue();
  }
}
