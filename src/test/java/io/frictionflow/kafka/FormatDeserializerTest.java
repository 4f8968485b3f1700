package io.frictionflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.ingest.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The Kafka source decodes a tracker's records through the same entry as files. */
class FormatDeserializerTest {
  private static Decoded decode(InputFormat format, String value) {
    return decode(format, null, value);
  }

  private static Decoded decode(InputFormat format, String key, String value) {
    List<Decoded> out = new ArrayList<>();
    new DecodingDeserializer(DecoderSettings.of(65536).withFormat(format))
        .deserialize(
            new ConsumerRecord<>(
                "events",
                0,
                0L,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)),
            new ListCollector<>(out));
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  @Test
  void aPostHogRecordIsAnEventAndABadOneFailedWithPostHogsFieldName() {
    Decoded ok =
        decode(
            InputFormat.POSTHOG,
            "{\"event\":\"$pageview\",\"uuid\":\"u-1\",\"timestamp\":\"2024-02-21T12:00:01Z\","
                + "\"properties\":{\"$session_id\":\"s-1\",\"$current_url\":\"https://a.example/\"}}");
    assertThat(ok.event().type()).isEqualTo("page_view");
    assertThat(ok.event().sessionId()).isEqualTo("s-1");

    Decoded bad =
        decode(
            InputFormat.POSTHOG,
            "{\"event\":\"$pageview\",\"uuid\":\"u-1\",\"timestamp\":\"2024-02-21T12:00:01Z\"}");
    assertThat(bad.event()).isNull();
    assertThat(bad.failed().reason()).isEqualTo("missing_field");
    assertThat(bad.failed().field()).isEqualTo("properties.$session_id");
    assertThat(bad.failed().detail()).startsWith("posthog: ");
    assertThat(bad.failed().raw()).contains("$pageview");
  }

  @Test
  void anRrwebWrapperRecordIsAnEvent() {
    Decoded d =
        decode(
            InputFormat.RRWEB,
            "{\"session_id\":\"s-1\",\"event\":{\"type\":3,\"timestamp\":1682952384313,"
                + "\"data\":{\"source\":1,\"positions\":[{\"x\":0,\"y\":0,\"id\":3,\"timeOffset\":-300},"
                + "{\"x\":30,\"y\":40,\"id\":3,\"timeOffset\":-100},{\"x\":0,\"y\":0,\"id\":3,\"timeOffset\":0}]}}}");
    assertThat(d.event().type()).isEqualTo("pointer_move");
    assertThat(d.event().pointer().distance()).isEqualTo(100.0);
    assertThat(d.event().pointer().dirChangesX()).isEqualTo(1);
    assertThat(d.event().pointer().durationMs()).isEqualTo(300L);
  }

  @Test
  void aBareRrwebEventTakesItsSessionFromTheRecordKey() {
    String click =
        "{\"type\":3,\"timestamp\":1682952384313,"
            + "\"data\":{\"source\":2,\"type\":2,\"id\":27,\"x\":729,\"y\":124}}";
    Decoded d = decode(InputFormat.RRWEB, "s-key", click);
    assertThat(d.event().sessionId()).isEqualTo("s-key");
    assertThat(d.event().type()).isEqualTo("click");
    assertThat(decode(InputFormat.RRWEB, "other", click).event().eventId())
        .isNotEqualTo(d.event().eventId());

    Decoded unkeyed = decode(InputFormat.RRWEB, click);
    assertThat(unkeyed.failed().reason()).isEqualTo("missing_field");
    assertThat(unkeyed.failed().field()).isEqualTo("session_id");
    assertThat(unkeyed.failed().detail()).contains("keyed by its session id");

    // other formats ignore the key
    Decoded posthog =
        decode(
            InputFormat.POSTHOG,
            "key",
            "{\"event\":\"$pageview\",\"uuid\":\"u-1\",\"timestamp\":\"2024-02-21T12:00:01Z\","
                + "\"properties\":{\"$session_id\":\"s-1\"}}");
    assertThat(posthog.event().sessionId()).isEqualTo("s-1");
  }
}
