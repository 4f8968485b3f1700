package io.frictionflow.event;

import static io.frictionflow.TestEvents.T0;
import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDecoderTest {
  private final EventDecoder decoder = new EventDecoder(4096);

  private static String with(Consumer<ObjectNode> change) {
    ObjectNode o = event("click").id("e1").xy(10, 20).tree();
    change.accept(o);
    return o.toString();
  }

  private DecodeException rejected(String raw) {
    try {
      decoder.decode(raw, 0L);
    } catch (DecodeException e) {
      return e;
    }
    throw new AssertionError("accepted: " + raw);
  }

  @Test
  void decodesCoreAndOptionalFields() throws Exception {
    Event e =
        decoder.decode(
            with(
                o -> {
                  o.putObject("page").put("path", "/cart").put("category", "cart");
                  o.putObject("target").put("selector", "#buy").put("new_tab", true);
                  o.putObject("props").put("price", 12.5).put("sku", "A-1");
                  o.put("vendor_field", "kept");
                }),
            7L);
    assertThat(e.eventId()).isEqualTo("e1");
    assertThat(e.time()).isEqualTo(T0.toEpochMilli());
    assertThat(e.page().path()).isEqualTo("/cart");
    assertThat(e.target().newTab()).isTrue();
    assertThat(e.x()).isEqualTo(10.0);
    assertThat(e.props()).containsEntry("price", "12.5").containsEntry("sku", "A-1");
    assertThat(e.extra()).containsEntry("vendor_field", "kept");
    assertThat(e.ingestedAtMicros()).isEqualTo(7L);
  }

  @Test
  void keepsUnknownEventTypes() throws Exception {
    assertThat(decoder.decode(with(o -> o.put("type", "video_play")), 0L).type())
        .isEqualTo("video_play");
  }

  @ParameterizedTest(name = "{0} -> {1} at {2}")
  @CsvSource({
    "no event_id, missing_field, event_id",
    "no session_id, missing_field, session_id",
    "no type, missing_field, type",
    "no ts, missing_field, ts",
    "empty session_id, missing_field, session_id",
    "numeric event_id, wrong_type, event_id",
    "ts yesterday, bad_timestamp, ts",
    "ts in 1970, absurd_timestamp, ts",
    "ts in 2200, absurd_timestamp, ts",
    "ts as object, bad_timestamp, ts",
    "x as text, wrong_type, x",
    "target as text, wrong_type, target",
    "target.tag as number, wrong_type, target.tag",
    "viewport.w fractional, wrong_type, viewport.w",
    "sent_at unparseable, bad_timestamp, sent_at",
  })
  void rejectsEachCoreFieldViolationWithReasonAndPath(String change, String reason, String field) {
    String raw =
        with(
            o -> {
              switch (change) {
                case "no event_id" -> o.remove("event_id");
                case "no session_id" -> o.remove("session_id");
                case "no type" -> o.remove("type");
                case "no ts" -> o.remove("ts");
                case "empty session_id" -> o.put("session_id", " ");
                case "numeric event_id" -> o.put("event_id", 42);
                case "ts yesterday" -> o.put("ts", "yesterday");
                case "ts in 1970" -> o.put("ts", 1000);
                case "ts in 2200" -> o.put("ts", "2200-01-01T00:00:00Z");
                case "ts as object" -> o.putObject("ts");
                case "x as text" -> o.put("x", "ten");
                case "target as text" -> o.put("target", "#buy");
                case "target.tag as number" -> o.putObject("target").put("tag", 3);
                case "viewport.w fractional" -> o.putObject("viewport").put("w", 1.5);
                case "sent_at unparseable" -> o.put("sent_at", "soon");
                default -> throw new IllegalArgumentException(change);
              }
            });
    DecodeException e = rejected(raw);
    assertThat(e.reason().label()).isEqualTo(reason);
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
  }

  @Test
  void rejectsNonJsonNonObjectsAndOversizedRecords() {
    assertThat(rejected("{\"event_id\":").reason()).isEqualTo(FailureReason.NOT_JSON);
    assertThat(rejected("[1,2]").reason()).isEqualTo(FailureReason.NOT_JSON);
    assertThat(rejected("null").reason()).isEqualTo(FailureReason.NOT_JSON);
    assertThat(rejected(with(o -> o.put("pad", "x".repeat(5000)))).reason())
        .isEqualTo(FailureReason.OVERSIZED);
  }

  @Test
  void correctsDeviceClockSkewFromSentAndReceivedTimes() throws Exception {
    // The device clock runs 1 h fast: it stamps the click at 10:00:00 and sends at 10:00:05,
    // the collector receives at 09:00:06 server time.
    Event e =
        decoder.decode(
            with(
                o -> {
                  o.put("ts", "2026-03-02T10:00:00Z");
                  o.put("sent_at", "2026-03-02T10:00:05Z");
                  o.put("received_at", "2026-03-02T09:00:06Z");
                }),
            0L);
    assertThat(e.time()).isEqualTo(T0.plusSeconds(1).toEpochMilli());
    assertThat(e.ts()).isEqualTo(T0.plusSeconds(3600).toEpochMilli());
  }

  @Test
  void usesDeviceTimeWithoutSentAndReceived() throws Exception {
    Event e = decoder.decode(with(o -> o.put("sent_at", T0.plusSeconds(9).toEpochMilli())), 0L);
    assertThat(e.time()).isEqualTo(T0.toEpochMilli());
  }

  @Test
  void roundTripsThroughEventJson() throws Exception {
    Event e =
        decoder.decode(
            with(
                o -> {
                  o.putObject("props").put("n", 3).putObject("nested").put("a", 1);
                  o.putObject("error").put("message", "boom");
                }),
            0L);
    assertThat(decoder.decode(EventJson.toJson(e), 0L)).isEqualTo(e);
  }

  @Test
  void randomlyMangledRecordsAreRejectedOrAcceptedNeverThrowOtherwise() {
    Random random = new Random(42);
    String valid = with(o -> o.putObject("page").put("path", "/p"));
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < 10_000; i++) {
      String raw = Mangler.mangle(valid, random);
      try {
        Event e = decoder.decode(raw, 0L);
        assertThat(e.eventId()).isNotBlank();
        accepted++;
      } catch (DecodeException e) {
        assertThat(e.reason()).isNotNull();
        rejected++;
      }
    }
    assertThat(accepted + rejected).isEqualTo(10_000);
    assertThat(rejected).isGreaterThan(1000);
  }

  private static final long ARRIVAL = T0.plusSeconds(1).toEpochMilli();

  private DecodeException rejectedRecord(EventDecoder d, byte[] raw) {
    try {
      d.decodeRecord(raw, ARRIVAL, 0L);
    } catch (DecodeException e) {
      return e;
    }
    throw new AssertionError("accepted: " + new String(raw, StandardCharsets.ISO_8859_1));
  }

  private DecodeException rejectedRecord(String raw) {
    return rejectedRecord(decoder, raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bytesAndTextAreDecodedAlike() throws Exception {
    String raw = with(o -> o.putObject("target").put("text", "Größe ✓ 💥"));
    assertThat(decoder.decodeRecord(raw.getBytes(StandardCharsets.UTF_8), ARRIVAL, 0L))
        .isEqualTo(decoder.decode(raw, 0L));
  }

  @Test
  void invalidUtf8IsRejectedNotReplaced() {
    byte[] raw = with(o -> o.put("type", "click")).getBytes(StandardCharsets.UTF_8);
    byte[] bad = Arrays.copyOf(raw, raw.length);
    bad[20] = (byte) 0xC3; // a lead byte without its continuation
    DecodeException e = rejectedRecord(decoder, bad);
    assertThat(e.reason()).isEqualTo(FailureReason.NOT_JSON);
    assertThat(e.getMessage()).contains("not valid UTF-8").contains("byte 20");
    // Kept byte for byte so it can be recovered.
    assertThat(decoder.rawText(bad).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(bad);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"NUL, '\u0000'", "second object, ' {}'", "text, x", "comma, ','"})
  void trailingDataAfterTheObjectIsRejected(String what, String tail) {
    DecodeException e = rejectedRecord(with(o -> {}) + tail);
    assertThat(e.reason()).isEqualTo(FailureReason.NOT_JSON);
    assertThat(e.getMessage()).contains("trailing data after the JSON object");
  }

  @Test
  void trailingWhiteSpaceIsFine() throws Exception {
    assertThat(decoder.decodeRecord((with(o -> {}) + " \r\t").getBytes(), ARRIVAL, 0L).eventId())
        .isEqualTo("e1");
  }

  @Test
  void aKeyGivenTwiceIsRejected() {
    String raw = with(o -> {}).replace("{", "{\"session_id\":\"other\",");
    DecodeException e = rejectedRecord(raw);
    assertThat(e.reason()).isEqualTo(FailureReason.NOT_JSON);
    assertThat(e.getMessage()).contains("Duplicate field 'session_id'");
  }

  @Test
  void outOfRangeNumbersSayWhatIsWrong() {
    DecodeException x = rejectedRecord(with(o -> {}).replace("\"x\":10.0", "\"x\":1e400"));
    assertThat(x.reason()).isEqualTo(FailureReason.OUT_OF_RANGE);
    assertThat(x.field()).isEqualTo("x");
    assertThat(x.getMessage()).isEqualTo("x is out of range: does not fit a finite double");

    DecodeException w =
        rejectedRecord(with(o -> o.putObject("viewport").put("w", 99_999_999_999L)));
    assertThat(w.reason()).isEqualTo(FailureReason.OUT_OF_RANGE);
    assertThat(w.field()).isEqualTo("viewport.w");

    DecodeException d =
        rejectedRecord(
            with(o -> {}).replace("}", ",\"pointer\":{\"duration_ms\":" + "9".repeat(30) + "}}"));
    assertThat(d.reason()).isEqualTo(FailureReason.OUT_OF_RANGE);
    assertThat(d.field()).isEqualTo("pointer.duration_ms");

    DecodeException digits =
        rejectedRecord(with(o -> {}).replace("\"x\":10.0", "\"x\":" + "1".repeat(500)));
    assertThat(digits.reason()).isEqualTo(FailureReason.OUT_OF_RANGE);

    DecodeException ts = rejectedRecord(with(o -> {}).replaceAll("\"ts\":\\d+", "\"ts\":1e400"));
    assertThat(ts.reason()).isEqualTo(FailureReason.ABSURD_TIMESTAMP);
    assertThat(ts.field()).isEqualTo("ts");

    DecodeException fraction = rejectedRecord(with(o -> o.putObject("viewport").put("w", 1.5)));
    assertThat(fraction.getMessage())
        .isEqualTo("viewport.w must be an integer, got the number 1.5");
  }

  @Test
  void deepNestingAndHugeStringsAreRejectedQuickly() {
    EventDecoder big = new EventDecoder(64 * 1024);
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String raw = with(o -> {}).replace("}", ",\"props\":{\"a\":" + deep + "}}");
    DecodeException e = rejectedRecord(big, raw.getBytes(StandardCharsets.UTF_8));
    assertThat(e.reason()).isEqualTo(FailureReason.TOO_DEEP);
    assertThat(e.getMessage()).isEqualTo("JSON nests deeper than 32 levels");

    byte[] huge = with(o -> o.put("pad", "x".repeat(1_000_000))).getBytes(StandardCharsets.UTF_8);
    DecodeException o = rejectedRecord(big, huge);
    assertThat(o.reason()).isEqualTo(FailureReason.OVERSIZED);
    String kept = big.rawText(huge);
    assertThat(kept).hasSize(64 * 1024).isEqualTo(new String(huge, 0, 64 * 1024));
  }

  @Test
  void rawTextIsCutAtACharacterBoundary() {
    EventDecoder small = new EventDecoder(300);
    byte[] raw = ("{\"a\":\"" + "é".repeat(400) + "\"}").getBytes(StandardCharsets.UTF_8);
    String kept = small.rawText(raw);
    assertThat(kept).startsWith("{\"a\":\"é").doesNotContain("\uFFFD");
    assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isBetween(299, 300);
  }

  @Test
  void anEventFarAheadOfItsArrivalIsRejectedAsFutureTime() throws Exception {
    long arrival = T0.toEpochMilli();
    DecodeException e =
        rejectedRecord(
            decoder, with(o -> o.put("ts", arrival + 3_600_000)).getBytes(StandardCharsets.UTF_8));
    assertThat(e.reason()).isEqualTo(FailureReason.FUTURE_TIME);
    assertThat(e.field()).isEqualTo("ts");
    assertThat(e.getMessage()).contains("ahead of its arrival").contains("max-future");
    // Within the bound (a device clock a little fast) the event keeps its time.
    Event near =
        decoder.decodeRecord(
            with(o -> o.put("ts", ARRIVAL + 4_000)).getBytes(StandardCharsets.UTF_8), ARRIVAL, 0L);
    assertThat(near.time()).isEqualTo(ARRIVAL + 4_000);
    // A far-past event is not this decoder's business: the watermark makes it late.
    assertThat(
            decoder
                .decodeRecord(
                    with(o -> o.put("ts", ARRIVAL - 86_400_000L)).getBytes(StandardCharsets.UTF_8),
                    ARRIVAL,
                    0L)
                .time())
        .isEqualTo(ARRIVAL - 86_400_000L);
  }

  @Test
  void aClientsReceivedAtCannotMoveTheEventAheadOfTheRecordsArrivalTrustedOrNot() throws Exception {
    // The client claims it was received an hour from now; the skew correction would follow it.
    byte[] raw =
        with(o -> {
              o.put("ts", T0.toEpochMilli());
              o.put("sent_at", T0.toEpochMilli());
              o.put("received_at", T0.plusSeconds(3600).toEpochMilli());
            })
            .getBytes(StandardCharsets.UTF_8);
    EventDecoder trusting =
        new EventDecoder(new DecoderSettings(4096, Duration.ofSeconds(5), true));
    assertThat(rejectedRecord(decoder, raw).reason()).isEqualTo(FailureReason.FUTURE_TIME);
    assertThat(rejectedRecord(trusting, raw).reason()).isEqualTo(FailureReason.FUTURE_TIME);
  }

  @Test
  void aTrustedReceivedAtBoundsAReplayedEventByItsOriginalArrival() throws Exception {
    // Re-produced a day later: the record time is the replay's, the collector's received_at is
    // when the event first arrived, and the device time lies an hour after that.
    long replayedAt = T0.plus(Duration.ofDays(1)).toEpochMilli();
    byte[] raw =
        with(o -> {
              o.put("ts", T0.plusSeconds(3600).toEpochMilli());
              o.put("received_at", T0.toEpochMilli());
            })
            .getBytes(StandardCharsets.UTF_8);
    EventDecoder trusting =
        new EventDecoder(new DecoderSettings(4096, Duration.ofSeconds(5), true));
    Event untrusted = decoder.decodeRecord(raw, replayedAt, 0L);
    assertThat(decoder.arrival(untrusted, replayedAt)).isEqualTo(replayedAt);
    DecodeException e;
    try {
      trusting.decodeRecord(raw, replayedAt, 0L);
      throw new AssertionError("accepted");
    } catch (DecodeException x) {
      e = x;
    }
    assertThat(e.reason()).isEqualTo(FailureReason.FUTURE_TIME);
    assertThat(trusting.arrival(untrusted, replayedAt)).isEqualTo(T0.toEpochMilli());
  }

  @Test
  void everyBadLineOfTheCorpusIsRejectedWithItsReasonAndEveryOtherLineAccepted() {
    Instant now = Instant.now();
    EventDecoder d = new EventDecoder(64 * 1024);
    BadInputCorpus.Corpus corpus = BadInputCorpus.generate(11, 40, 10_000, now);
    assertThat(corpus.of(BadInputCorpus.Kind.BAD)).hasSize(10_000);
    Map<String, Integer> reasons = new TreeMap<>();
    for (BadInputCorpus.Line l : corpus.lines()) {
      String text = new String(l.bytes(), StandardCharsets.ISO_8859_1);
      try {
        d.decodeRecord(l.bytes(), now.toEpochMilli(), 0L);
        assertThat(l.kind()).as(text).isNotEqualTo(BadInputCorpus.Kind.BAD);
      } catch (DecodeException e) {
        assertThat(l.kind()).as(text).isEqualTo(BadInputCorpus.Kind.BAD);
        assertThat(e.reason().label() + "@" + e.field())
            .as(text.length() > 300 ? text.substring(0, 300) : text)
            .isEqualTo(l.reason() + "@" + l.field());
        reasons.merge(l.reason(), 1, Integer::sum);
      }
    }
    assertThat(reasons.keySet())
        .contains(
            "not_json",
            "oversized",
            "too_deep",
            "missing_field",
            "wrong_type",
            "out_of_range",
            "bad_timestamp",
            "absurd_timestamp",
            "future_time");
  }

  @Test
  void theBundledSampleHasExactlyItsFiveMalformedRecords() throws Exception {
    // .ci/run counts the failed lines of a run over the sample: the decoder must not change it.
    EventDecoder d = new EventDecoder(64 * 1024);
    long now = System.currentTimeMillis();
    List<String> reasons = new ArrayList<>();
    for (byte[] line :
        new String(
                Files.readAllBytes(Path.of("src/main/resources/samples/sessions.jsonl")),
                StandardCharsets.ISO_8859_1)
            .lines()
            .map(l -> l.getBytes(StandardCharsets.ISO_8859_1))
            .toList()) {
      try {
        d.decodeRecord(line, now, 0L);
      } catch (DecodeException e) {
        reasons.add(e.reason().label());
      }
    }
    assertThat(reasons)
        .containsExactlyInAnyOrder(
            "not_json", "missing_field", "bad_timestamp", "wrong_type", "absurd_timestamp");
  }

  @Test
  void nullRecordIsRejected() {
    assertThatThrownBy(() -> decoder.decode((String) null, 0L)).isInstanceOf(DecodeException.class);
  }
}
