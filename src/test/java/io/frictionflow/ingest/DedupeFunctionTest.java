package io.frictionflow.ingest;

import static io.frictionflow.TestEvents.click;
import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DedupeFunctionTest {
  private KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DedupeFunction(Duration.ofMinutes(1))),
            Event::sessionId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void send(Event e) throws Exception {
    harness.processElement(new StreamRecord<>(e, e.time()));
  }

  @Test
  void dropsRepeatedEventIdsOfASession() throws Exception {
    Event first = click("#a").id("e1").atMillis(0).event();
    send(first);
    send(click("#a").id("e1").atMillis(0).event());
    send(click("#a").id("e2").atMillis(10).event());
    assertThat(harness.extractOutputValues())
        .extracting(Event::eventId)
        .containsExactly("e1", "e2");
  }

  @Test
  void theSameEventIdInAnotherSessionIsNotADuplicate() throws Exception {
    send(click("#a").id("e1").session("s1").event());
    send(click("#a").id("e1").session("s2").event());
    assertThat(harness.extractOutputValues()).hasSize(2);
  }

  @Test
  void routesEventsBehindTheWatermarkToTheLateOutput() throws Exception {
    harness.processWatermark(click("#a").atMillis(5000).event().time());
    send(click("#a").id("old").atMillis(1000).event());
    send(click("#a").id("new").atMillis(6000).event());
    assertThat(harness.extractOutputValues()).extracting(Event::eventId).containsExactly("new");
    assertThat(harness.getSideOutput(OutputTags.LATE))
        .extracting(r -> r.getValue().eventId())
        .containsExactly("old");
  }

  @Test
  void anEventExactlyAtTheWatermarkIsLateAsForFlinkCep() throws Exception {
    long at = click("#a").atMillis(5000).event().time();
    harness.processWatermark(at);
    send(click("#a").id("at-watermark").atMillis(5000).event());
    send(click("#a").id("after").atMillis(5001).event());
    assertThat(Lateness.isLate(at, at)).isTrue();
    assertThat(harness.extractOutputValues()).extracting(Event::eventId).containsExactly("after");
    assertThat(harness.getSideOutput(OutputTags.LATE))
        .extracting(r -> r.getValue().eventId())
        .containsExactly("at-watermark");
  }

  @Test
  void eventTimeLagStartsAtZeroAfterTheFunctionIsDeserialized() throws Exception {
    // The cluster ships the function serialized; transient fields lose their initializers.
    DedupeFunction shipped = InstantiationUtil.clone(new DedupeFunction(Duration.ofMinutes(1)));
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(shipped), Event::sessionId, Types.STRING)) {
      h.open();
      long now = System.currentTimeMillis();
      assertThat(shipped.eventTimeLagMs(now)).isZero();
      Event e = click("#a").atMillis(0).event();
      h.processElement(new StreamRecord<>(e, e.time()));
      assertThat(shipped.eventTimeLagMs(e.time() + 250)).isEqualTo(250);
    }
  }

  @Test
  void forgetsIdsOnceTheWatermarkPassesTheHorizonSoStateStaysBounded() throws Exception {
    for (int i = 0; i < 100; i++) {
      send(click("#a").id("e" + i).session("s" + (i % 10)).atMillis(i * 100L).event());
    }
    assertThat(harness.numKeyedStateEntries()).isEqualTo(10);
    assertThat(harness.numEventTimeTimers()).isPositive();
    harness.processWatermark(click("#a").atMillis(10_000 + 61_000).event().time());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    // After the horizon the id is new again: a tracker retry that late is a new event.
    send(click("#a").id("e1").session("s1").atMillis(80_000).event());
    assertThat(harness.extractOutputValues()).hasSize(101);
  }
}
