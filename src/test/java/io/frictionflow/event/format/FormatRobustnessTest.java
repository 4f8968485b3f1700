package io.frictionflow.event.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.event.Mangler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged records of every format are either decoded or rejected with a reason: the decoder never
 * throws anything else, which would fail the job instead of sending the record to the failed
 * output.
 */
class FormatRobustnessTest {
  static final Path SAMPLES = Path.of("src/main/resources/samples/formats");
  static final Path VENDOR = Path.of("src/test/resources/formats/vendor");

  static List<String> lines(Path... files) throws Exception {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(out::add);
    }
    return out;
  }

  static void survives(InputFormat format, List<String> valid) {
    EventDecoder decoder = new EventDecoder(DecoderSettings.of(64 * 1024).withFormat(format));
    Random random = new Random(19);
    int rejected = 0;
    for (int i = 0; i < 3000; i++) {
      String bad = Mangler.mangle(valid.get(i % valid.size()), random);
      try {
        decoder.decodeRecord(bad.getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE / 2, 0);
      } catch (DecodeException e) {
        rejected++;
        assertThat(e.getMessage()).startsWith(format.label() + ": ");
        assertThat(e.reason()).isNotNull();
      }
    }
    assertThat(rejected).as(format + " rejects some damaged records").isPositive();
  }

  /** Rejected before any format reads them (size, UTF-8), such records still name the format. */
  @Test
  void oversizedAndInvalidUtf8RecordsNameTheirFormat() {
    byte[] big = ("{\"a\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
    for (InputFormat format : InputFormat.values()) {
      if (format == InputFormat.CANONICAL) {
        continue;
      }
      EventDecoder decoder = new EventDecoder(DecoderSettings.of(1024).withFormat(format));
      for (byte[] raw : List.of(big, notUtf8)) {
        try {
          decoder.decodeRecord(raw, Long.MAX_VALUE / 2, 0);
          throw new AssertionError(format + " accepted a bad record");
        } catch (DecodeException e) {
          assertThat(e.getMessage()).startsWith(format.label() + ": ");
          assertThat(e.reason().label()).isIn("oversized", "not_json");
        }
      }
    }
  }

  @Test
  void postHog() throws Exception {
    survives(
        InputFormat.POSTHOG,
        lines(
            SAMPLES.resolve("posthog.jsonl"),
            VENDOR.resolve("posthog-pageview.json"),
            VENDOR.resolve("posthog-autocapture.json"),
            VENDOR.resolve("posthog-exception.json")));
  }

  @Test
  void segment() throws Exception {
    survives(
        InputFormat.SEGMENT,
        lines(SAMPLES.resolve("segment.jsonl"), VENDOR.resolve("segment-product-added.json")));
  }

  @Test
  void snowplowTsvAndJson() throws Exception {
    survives(
        InputFormat.SNOWPLOW,
        lines(
            SAMPLES.resolve("snowplow.tsv"),
            SAMPLES.resolve("snowplow.jsonl"),
            VENDOR.resolve("snowplow-enriched.tsv")));
  }

  @Test
  void rrwebWrapper() throws Exception {
    survives(InputFormat.RRWEB, lines(SAMPLES.resolve("rrweb.jsonl")));
  }

  @Test
  void damagedRecordingsFailEventByEventOrAsAWhole() throws Exception {
    String text =
        Files.readString(
            Path.of("src/test/resources/formats/recordings/posthog-demo-interactions.jsonl"));
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      String bad = Mangler.mangle(text, random);
      try {
        RrwebRecording.convert(bad, "s");
      } catch (DecodeException e) {
        assertThat(e.reason()).isNotNull();
      }
    }
  }
}
