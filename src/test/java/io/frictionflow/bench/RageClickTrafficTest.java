package io.frictionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.event.EventDecoder;
import org.junit.jupiter.api.Test;

class RageClickTrafficTest {
  @Test
  void oneEventPerLaneEvery200Milliseconds() {
    assertThat(RageClickTraffic.lanesFor(200)).isEqualTo(40);
    assertThat(RageClickTraffic.lanesFor(20_000)).isEqualTo(4000);
    assertThat(RageClickTraffic.lanesFor(1)).isEqualTo(1);
  }

  @Test
  void eachSessionIsAPageViewAndThreeClicksOnOneButtonAtOneSpot() throws Exception {
    RageClickTraffic t = new RageClickTraffic("run", 3);
    var json = JsonMapper.builder().build();
    // Lane 1's first session: events 1, 4, 7, 10.
    long[] events = {1, 4, 7, 10};
    for (int k = 0; k < events.length; k++) {
      long i = events[k];
      assertThat(t.sessionId(i)).isEqualTo("run-1-0");
      assertThat(t.isThirdClick(i)).isEqualTo(k == 3);
      JsonNode e = json.readTree(t.event(i, 1_772_442_000_000L + k));
      assertThat(e.get("type").asText()).isEqualTo(k == 0 ? "page_view" : "click");
      assertThat(e.get("event_id").asText()).isEqualTo("run-1-0-" + k);
      assertThat(e.get("ts").asLong()).isEqualTo(1_772_442_000_000L + k);
      if (k > 0) {
        assertThat(e.get("target").get("selector").asText()).isEqualTo("#apply-coupon");
        assertThat(Math.abs(e.get("x").asDouble() - 512)).isLessThan(3);
      }
    }
    assertThat(t.sessionId(13)).isEqualTo("run-1-1");
  }

  @Test
  void theEventsDecode() throws Exception {
    RageClickTraffic t = new RageClickTraffic("run", 2);
    EventDecoder decoder = new EventDecoder(1 << 20);
    for (long i = 0; i < 8; i++) {
      var e = decoder.decode(t.event(i, 1_772_442_000_000L + i), 0);
      assertThat(e.sessionId()).isEqualTo(t.sessionId(i));
    }
  }
}
