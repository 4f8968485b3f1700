package io.frictionflow.event.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stateful rrweb decoding record by record (as the Kafka job does it, {@link RrwebSession}) gives
 * exactly the events of the whole recording ({@link RrwebRecording}); its state survives being
 * written and read (keyed state) and stays bounded; DOM records may exceed the event size limit.
 */
class RrwebSessionTest {
  static final Path RECORDING =
      Path.of("src/test/resources/formats/recordings/rrweb-player-demo-events.json");
  static final ObjectMapper JSON = JsonMapper.builder().build();

  static RrwebSession roundTrip(RrwebSession s) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.write(new DataOutputStream(bytes));
    return RrwebSession.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  @Test
  void recordByRecordWithStateWrittenAndReadBetweenGivesTheRecordingsEvents() throws Exception {
    String text = Files.readString(RECORDING);
    String session = "rrweb-player-demo-events";
    List<String> expected = RrwebRecording.convert(text, session).events();
    ArrayNode events = (ArrayNode) JSON.readTree(text);
    RrwebSession state = new RrwebSession();
    List<String> got = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      // Every other record in the wrapper, the rest bare (keyed): both are read the same way.
      String record =
          i % 2 == 0
              ? events.get(i).toString()
              : JSON.createObjectNode()
                  .put("session_id", session)
                  .set("event", events.get(i))
                  .toString();
      state = roundTrip(state);
      got.add(state.map(record, session, session + "-" + i).toString());
    }
    assertThat(got).isEqualTo(expected);
    assertThat(state.nodes()).isGreaterThan(100);
    assertThat(state.bytes()).isLessThan(NodeTree.MAX_BYTES);
    // the copy the heap state backend makes is a deep one
    RrwebSession copy = state.copy();
    assertThat(copy.nodes()).isEqualTo(state.nodes());
    assertThat(copy.bytes()).isEqualTo(state.bytes());
  }

  @Test
  void theTreeIsBoundedInNodesAndBytes() throws Exception {
    RrwebSession many = new RrwebSession();
    many.map(snapshot(30_000, 0, 0).toString(), "s", "e");
    assertThat(many.nodes()).isEqualTo(NodeTree.MAX_NODES);
    assertThat(roundTrip(many).nodes()).isEqualTo(NodeTree.MAX_NODES);

    RrwebSession big = new RrwebSession();
    big.map(snapshot(200, 50_000, 50_000).toString(), "s", "e");
    // long classes count fully; long texts are kept cut (all a target's text can use)
    assertThat(big.bytes()).isLessThanOrEqualTo(NodeTree.MAX_BYTES + 2 * 2 * 50_000 + 1_000);
    assertThat(big.nodes()).isLessThan(200);
  }

  /** A FullSnapshot: a body of {@code n} divs, with classes and texts of the given length. */
  static ObjectNode snapshot(int n, int classLength, int textLength) {
    ObjectNode e = JSON.createObjectNode().put("type", 2).put("timestamp", 1_700_000_000_000L);
    ObjectNode doc = e.putObject("data").putObject("node").put("type", 0).put("id", 1);
    ObjectNode body =
        doc.putArray("childNodes").addObject().put("type", 2).put("id", 2).put("tagName", "body");
    ArrayNode children = body.putArray("childNodes");
    for (int i = 0; i < n; i++) {
      ObjectNode div = children.addObject().put("type", 2).put("id", 10 + 2 * i);
      div.put("tagName", "div").putObject("attributes").put("class", "c".repeat(classLength));
      div.putArray("childNodes")
          .addObject()
          .put("type", 3)
          .put("id", 11 + 2 * i)
          .put("textContent", "t".repeat(textLength));
    }
    return e;
  }

  static Event decode(EventDecoder d, String key, String record) throws DecodeException {
    return d.decodeRecord(
        key.getBytes(StandardCharsets.UTF_8),
        record.getBytes(StandardCharsets.UTF_8),
        Long.MAX_VALUE / 2,
        0);
  }

  @Test
  void domRecordsMayPassTheEventLimitUpToTheSnapshotLimitAndNoOtherRecordMay() throws Exception {
    ArrayNode events = (ArrayNode) JSON.readTree(Files.readString(RECORDING));
    JsonNode fullSnapshot = null;
    JsonNode bigMutation = null;
    for (JsonNode e : events) {
      int size = e.toString().length();
      if (e.get("type").asInt() == 2) {
        fullSnapshot = e;
      } else if (e.path("data").path("source").asInt(-1) == 0 && size > 20_000) {
        bigMutation = e;
      }
    }
    String snapshotRecord = fullSnapshot.toString();
    assertThat(snapshotRecord.length()).isGreaterThan(40_000);
    EventDecoder decoder =
        new EventDecoder(
            new DecoderSettings(16_384, Duration.ofSeconds(5), false, InputFormat.RRWEB, 100_000));
    // The real FullSnapshot: 48 KB and 37 levels deep, over both of an event's limits.
    assertThat(decode(decoder, "s", fullSnapshot.toString()).type())
        .isEqualTo("rrweb_full_snapshot");
    assertThat(decode(decoder, "s", bigMutation.toString()).type()).isEqualTo("dom_change");
    String wrapped =
        JSON.createObjectNode().put("session_id", "s").set("event", fullSnapshot).toString();
    assertThat(decode(decoder, "", wrapped).type()).isEqualTo("rrweb_full_snapshot");

    // Any other record keeps the event's limits.
    ObjectNode custom = JSON.createObjectNode().put("type", 5).put("timestamp", 1_700_000_000_000L);
    custom.putObject("data").put("tag", "note").putObject("payload").put("x", "y".repeat(20_000));
    assertThatThrownBy(() -> decode(decoder, "s", custom.toString()))
        .isInstanceOfSatisfying(
            DecodeException.class,
            x -> {
              assertThat(x.reason().label()).isEqualTo("oversized");
              assertThat(x.getMessage()).contains("frictionflow.events.max-bytes");
            });
    ObjectNode deep = JSON.createObjectNode().put("type", 5).put("timestamp", 1_700_000_000_000L);
    ObjectNode p = deep.putObject("data").put("tag", "note").putObject("payload");
    for (int i = 0; i < 40; i++) {
      p = p.putObject("a");
    }
    assertThatThrownBy(() -> decode(decoder, "s", deep.toString()))
        .isInstanceOfSatisfying(
            DecodeException.class, x -> assertThat(x.reason().label()).isEqualTo("too_deep"));
    // A snapshot over its own limit names that limit.
    String huge = snapshot(2_000, 40, 40).toString();
    assertThat(huge.length()).isGreaterThan(100_000);
    assertThatThrownBy(() -> decode(decoder, "s", huge))
        .isInstanceOfSatisfying(
            DecodeException.class,
            x -> {
              assertThat(x.reason().label()).isEqualTo("oversized");
              assertThat(x.getMessage()).contains("frictionflow.rrweb.max-snapshot-bytes");
            });
    // The canonical format is not widened.
    EventDecoder canonical =
        new EventDecoder(
            new DecoderSettings(
                16_384, Duration.ofSeconds(5), false, InputFormat.CANONICAL, 100_000));
    assertThatThrownBy(() -> decode(canonical, "s", snapshotRecord))
        .isInstanceOfSatisfying(
            DecodeException.class, x -> assertThat(x.reason().label()).isEqualTo("oversized"));
  }

  @Test
  void aDocumentScrollHasItsDyFromTheSnapshotsOffsetAndItsDepthInPixels() throws Exception {
    RrwebSession s = new RrwebSession();
    s.map(
        "{\"type\":4,\"timestamp\":1700000000001,\"data\":{\"href\":\"https://a.example/\",\"width\":800,"
            + "\"height\":600}}",
        "s",
        "e1");
    ObjectNode snap = snapshot(2, 0, 3);
    ((ObjectNode) snap.get("data")).putObject("initialOffset").put("top", 100).put("left", 0);
    s.map(snap.toString(), "s", "e2");
    ObjectNode doc =
        s.map(
            "{\"type\":3,\"timestamp\":1700000000003,\"data\":{\"source\":3,\"id\":1,\"x\":0,\"y\":400}}",
            "s",
            "e3");
    assertThat(doc.get("scroll").get("dy").asDouble()).isEqualTo(300.0);
    assertThat(doc.get("scroll").has("depth_pct")).isFalse();
    assertThat(doc.get("props").get("depth_px").asDouble()).isEqualTo(1000.0);
    // an element's scroll: no depth (the viewport is not the element's height), dy from the next
    ObjectNode element =
        s.map(
            "{\"type\":3,\"timestamp\":1700000000004,\"data\":{\"source\":3,\"id\":10,\"x\":0,\"y\":50}}",
            "s",
            "e4");
    assertThat(element.get("props").has("depth_px")).isFalse();
    assertThat(element.path("scroll").has("dy")).isFalse();
    assertThat(element.get("target").get("tag").asText()).isEqualTo("div");
    assertThat(element.get("page").get("url").asText()).isEqualTo("https://a.example/");
  }
}
