package io.frictionflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.event.DecoderSettings;
import io.frictionflow.ingest.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DecodingDeserializerTest {
  private static Decoded decode(byte[] value) {
    List<Decoded> out = new ArrayList<>();
    new DecodingDeserializer(DecoderSettings.of(65536))
        .deserialize(new ConsumerRecord<>("events", 0, 0L, null, value), new ListCollector<>(out));
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  @Test
  void decodesAValidEventInTheSource() {
    Decoded d =
        decode(
            "{\"event_id\":\"e\",\"session_id\":\"s\",\"type\":\"click\",\"ts\":1772442000000}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(d.event().eventId()).isEqualTo("e");
    assertThat(d.failed()).isNull();
  }

  @Test
  void invalidUtf8AndNullValuesAreRejectedNotDropped() {
    Decoded bad = decode(new byte[] {'{', (byte) 0xff, '}'});
    assertThat(bad.event()).isNull();
    assertThat(bad.failed().reason()).isEqualTo("not_json");
    assertThat(bad.failed().detail()).contains("UTF-8");
    assertThat(bad.failed().raw()).hasSize(3);
    assertThat(bad.arrivedAt()).isPositive();
    assertThat(decode(null).failed().reason()).isEqualTo("not_json");
  }

  @Test
  void theRecordTimestampIsTheArrivalAndBoundsTheEventTime() {
    long recordTime = 1_772_442_000_000L;
    String ahead =
        "{\"event_id\":\"e\",\"session_id\":\"s\",\"type\":\"click\",\"ts\":"
            + (recordTime + 60_000)
            + "}";
    List<Decoded> out = new ArrayList<>();
    new DecodingDeserializer(DecoderSettings.of(65536))
        .deserialize(
            new ConsumerRecord<>(
                "events",
                0,
                0L,
                recordTime,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                null,
                ahead.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(),
                Optional.empty()),
            new ListCollector<>(out));
    assertThat(out)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.failed().reason()).isEqualTo("future_time");
              assertThat(d.arrivedAt()).isEqualTo(recordTime);
            });
  }
}
