package io.frictionflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.pattern.FireSpec;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.TestSignals;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The fire-policy operator hosting one pattern, on signals stamped as the detector stamps them:
 * with the event time at which the match was emitted.
 */
class OnePatternFirePolicyTest {
  private static final long MIN = 60_000;
  private static final long T0 = 1_772_442_000_000L;

  private static KeyedOneInputStreamOperatorTestHarness<String, Signal, Signal> harness(
      PatternSpec spec) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new FirePoliciesFunction(
                    List.of(HostedPattern.of(named("p", spec))), Duration.ofMinutes(30))),
            Signal::sessionId,
            Types.STRING);
    h.setup();
    return h;
  }

  /** {@code spec} under the id the test signals carry. */
  private static PatternSpec named(String id, PatternSpec spec) {
    return new PatternSpec(
        id,
        spec.version(),
        spec.stateVersion(),
        spec.description(),
        spec.severity(),
        spec.tags(),
        spec.on(),
        spec.stages(),
        spec.window(),
        spec.skip(),
        spec.fire(),
        spec.emitTimeouts(),
        spec.profile(),
        spec.params());
  }

  private static Signal signal(String session, long lastEventTime, String... ids) {
    return TestSignals.match("p")
        .id(session + ":" + String.join("-", ids))
        .session(session)
        .severity("medium")
        .at(lastEventTime)
        .events(ids)
        .build();
  }

  /** A match emitted at {@code emittedAt}, after the watermark reached it. */
  private static void emit(
      KeyedOneInputStreamOperatorTestHarness<String, Signal, Signal> h, Signal s, long emittedAt)
      throws Exception {
    h.processWatermark(emittedAt - 1);
    h.processElement(new StreamRecord<>(s, emittedAt));
  }

  private static List<String> ids(
      KeyedOneInputStreamOperatorTestHarness<String, Signal, Signal> h) {
    return h.extractOutputValues().stream().map(Signal::signalId).toList();
  }

  @Test
  void anAbsencePatternFiresOnceInItsCooldownEvenPastTheSessionTimeoutAfterItsLastAdd()
      throws Exception {
    // cart-abandonment: adds at t0 and t0+25m, each emitted when its 10 min window closes (t0+10m,
    // t0+35m), cooldown 30 min. The second emission comes more than the session timeout after the
    // first add, and within the cooldown of the first signal.
    try (var h = harness(FirePolicyTest.catalog("cart-abandonment"))) {
      h.open();
      emit(h, signal("s1", T0, "a1"), T0 + 10 * MIN);
      emit(h, signal("s1", T0 + 25 * MIN, "a2"), T0 + 35 * MIN);
      assertThat(ids(h)).containsExactly("s1:a1");
      // The state goes once the cooldown after the first signal is over and nothing else matched
      // for the session timeout.
      h.processWatermark(T0 + 65 * MIN - 1);
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      h.processWatermark(T0 + 65 * MIN);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void oncePerSessionHoldsForAbsenceMatchesAndSurvivesSnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    PatternSpec spec =
        FirePolicyTest.withFire(
            FirePolicyTest.catalog("cart-abandonment"),
            new FireSpec(FireSpec.Mode.ONCE_PER_SESSION, null));
    try (var h = harness(spec)) {
      h.open();
      emit(h, signal("s1", T0, "a1"), T0 + 10 * MIN);
      emit(h, signal("s2", T0, "b1"), T0 + 10 * MIN);
      snapshot = h.snapshot(1, T0 + 10 * MIN);
    }
    try (var h = harness(spec)) {
      h.initializeState(snapshot);
      h.open();
      // 25 min after the last present event of s1, 35 min after it: still within 30 min of the
      // first emission, so the same session.
      emit(h, signal("s1", T0 + 25 * MIN, "a2"), T0 + 35 * MIN);
      assertThat(ids(h)).isEmpty();
      // s1 had no match for 30 min after its last emission: a new session for this pattern.
      emit(h, signal("s1", T0 + 60 * MIN, "a3"), T0 + 70 * MIN);
      assertThat(ids(h)).containsExactly("s1:a3");
    }
  }

  @Test
  void oncePerIncidentFiresOncePerBurstOfOverlappingMatches() throws Exception {
    try (var h = harness(FirePolicyTest.catalog("rage-click"))) {
      h.open();
      emit(h, signal("s1", T0 + 300, "c1", "c2", "c3"), T0 + 300);
      emit(h, signal("s1", T0 + 400, "c2", "c3", "c4"), T0 + 400);
      emit(h, signal("s1", T0 + 9000, "c7", "c8", "c9"), T0 + 9000);
      assertThat(ids(h)).containsExactly("s1:c1-c2-c3", "s1:c7-c8-c9");
    }
  }

  @Test
  void everyMatchWithoutCooldownKeepsNoState() throws Exception {
    try (var h =
        harness(
            FirePolicyTest.withFire(
                FirePolicyTest.catalog("rage-click"),
                new FireSpec(FireSpec.Mode.EVERY_MATCH, null)))) {
      h.open();
      emit(h, signal("s1", T0, "a"), T0);
      emit(h, signal("s1", T0 + 1, "b"), T0 + 1);
      assertThat(ids(h)).containsExactly("s1:a", "s1:b");
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  /** rage-click firing every match, at most once per {@code cooldown}. */
  private static PatternSpec rageClickWithCooldown(Duration cooldown) {
    return FirePolicyTest.withFire(
        FirePolicyTest.catalog("rage-click"), new FireSpec(FireSpec.Mode.EVERY_MATCH, cooldown));
  }

  @Test
  void aCooldownHoldsBackMatchesWithinItAndFiresAgainAfterIt() throws Exception {
    try (var h = harness(rageClickWithCooldown(Duration.ofSeconds(10)))) {
      h.open();
      emit(h, signal("s1", T0 + 1_000, "a"), T0 + 1_000);
      emit(h, signal("s1", T0 + 5_000, "b"), T0 + 5_000);
      emit(h, signal("s1", T0 + 11_000, "c"), T0 + 11_000);
      emit(h, signal("s1", T0 + 12_000, "d"), T0 + 12_000);
      assertThat(ids(h)).containsExactly("s1:a", "s1:c");
      // Timers are never deleted (patterns share them); once the session timeout after the last
      // match has passed, the state and every timer are gone.
      h.processWatermark(T0 + 12_000 + 30 * MIN);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aCooldownSurvivesSnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    PatternSpec spec = rageClickWithCooldown(Duration.ofSeconds(10));
    try (var h = harness(spec)) {
      h.open();
      emit(h, signal("s1", T0 + 1_000, "a"), T0 + 1_000);
      snapshot = h.snapshot(1, T0 + 1_000);
    }
    try (var h = harness(spec)) {
      h.initializeState(snapshot);
      h.open();
      emit(h, signal("s1", T0 + 5_000, "b"), T0 + 5_000);
      assertThat(ids(h)).isEmpty();
      emit(h, signal("s1", T0 + 11_000, "c"), T0 + 11_000);
      assertThat(ids(h)).containsExactly("s1:c");
    }
  }

  @Test
  void oncePerIncidentSurvivesSnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    PatternSpec spec = FirePolicyTest.catalog("rage-click");
    try (var h = harness(spec)) {
      h.open();
      emit(h, signal("s1", T0 + 300, "c1", "c2", "c3"), T0 + 300);
      assertThat(ids(h)).containsExactly("s1:c1-c2-c3");
      snapshot = h.snapshot(1, T0 + 300);
    }
    try (var h = harness(spec)) {
      h.initializeState(snapshot);
      h.open();
      // Overlaps the restored incident: held back. Shares nothing with it: a new incident.
      emit(h, signal("s1", T0 + 400, "c2", "c3", "c4"), T0 + 400);
      assertThat(ids(h)).isEmpty();
      emit(h, signal("s1", T0 + 9000, "c7", "c8", "c9"), T0 + 9000);
      assertThat(ids(h)).containsExactly("s1:c7-c8-c9");
    }
  }

  @Test
  void oncePerIncidentStateIsClearedASessionTimeoutAfterTheLastMatch() throws Exception {
    try (var h = harness(FirePolicyTest.catalog("rage-click"))) {
      h.open();
      emit(h, signal("s1", T0 + 300, "c1", "c2", "c3"), T0 + 300);
      emit(h, signal("s1", T0 + 400, "c2", "c3", "c4"), T0 + 400);
      h.processWatermark(T0 + 400 + 30 * MIN - 1);
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      h.processWatermark(T0 + 400 + 30 * MIN);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
      // After the session's memory is gone, an overlapping match is a new incident.
      emit(h, signal("s1", T0 + 31 * MIN, "c3", "c4", "c5"), T0 + 31 * MIN);
      assertThat(ids(h)).containsExactly("s1:c1-c2-c3", "s1:c3-c4-c5");
    }
  }
}
