package io.frictionflow.event.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The two real recordings convert with no failed event, into what a person sees in them. */
class RrwebRecordingTest {
  static final Path DIR = Path.of("src/test/resources/formats/recordings");
  static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Converts and then decodes every event as the job does: nothing may fail either step. */
  static List<Event> events(String file) throws Exception {
    String text = Files.readString(DIR.resolve(file));
    assertThat(RrwebRecording.isRecording(text)).isTrue();
    RrwebRecording.Conversion c = RrwebRecording.convert(text, RrwebRecording.sessionIdOf(file));
    assertThat(c.failed()).isEmpty();
    EventDecoder decoder = new EventDecoder(DecoderSettings.of(64 * 1024));
    List<Event> out = new ArrayList<>();
    for (String line : c.events()) {
      out.add(decoder.decodeRecord(line.getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE / 2, 0));
    }
    return out;
  }

  static Map<String, Integer> counts(List<Event> events) {
    Map<String, Integer> m = new TreeMap<>();
    events.forEach(e -> m.merge(e.type(), 1, Integer::sum));
    return m;
  }

  @Test
  void theRrwebPlayerDemoRecordingGivesItsClicksScrollsAndPointerMovement() throws Exception {
    List<Event> events = events("rrweb-player-demo-events.json");
    assertThat(events).hasSize(272);
    assertThat(counts(events))
        .containsEntry("page_view", 1)
        .containsEntry("click", 3)
        .containsEntry("scroll", 12)
        .containsEntry("pointer_move", 18)
        .containsEntry("dom_change", 226)
        .containsEntry("focus", 2)
        .containsEntry("blur", 3);
    assertThat(events).allMatch(e -> e.sessionId().equals("rrweb-player-demo-events"));
    assertThat(events.get(0).page().url()).isEqualTo("https://demoit.app/e/react#ReactHooks.js");
    // The clicks: two into the code editor's lines, one on the file tab; tag, path and text come
    // from the FullSnapshot and the mutations.
    List<Event> clicks = events.stream().filter(e -> e.type().equals("click")).toList();
    assertThat(clicks).extracting(e -> e.target().tag()).containsExactly("pre", "pre", "a");
    assertThat(clicks.get(2).target().text()).isEqualTo("ReactHooks.js");
    assertThat(clicks.get(2).target().selector()).endsWith("a.active");
    assertThat(clicks).allMatch(e -> e.x() != null && e.y() != null);
    // Scrolling up and down the editor: every scroll after the first of its element has a dy.
    List<Event> scrolls = events.stream().filter(e -> e.type().equals("scroll")).toList();
    assertThat(scrolls.stream().filter(e -> e.scroll() != null && e.scroll().dy() != null))
        .hasSize(10)
        .anyMatch(e -> e.scroll().dy() > 0)
        .anyMatch(e -> e.scroll().dy() < 0);
    double moved =
        events.stream()
            .filter(e -> e.type().equals("pointer_move"))
            .mapToDouble(e -> e.pointer().distance())
            .sum();
    assertThat(moved).isGreaterThan(1000);
    // the node tree stayed within its bound
    assertThat(NodeTree.MAX_NODES).isGreaterThan(0);
  }

  @Test
  void thePostHogDemoGivesTheClicksOnItsButtons() throws Exception {
    List<Event> events = events("posthog-demo-interactions.jsonl");
    assertThat(counts(events))
        .containsEntry("page_view", 2)
        .containsEntry("click", 8)
        .containsEntry("dblclick", 2)
        .containsEntry("pointer_move", 11)
        .containsEntry("viewport", 1);
    List<Event> clicks = events.stream().filter(e -> e.type().equals("click")).toList();
    assertThat(clicks)
        .extracting(e -> e.target().text())
        .containsExactly(
            null,
            "Capture event",
            "Capture event",
            "Capture event",
            "Capture event",
            "Autocapture buttons",
            "Autocapture buttons",
            "Autocapture buttons");
    assertThat(clicks.get(5).target().selector()).isEqualTo("button[data-attr=autocapture-button]");
    assertThat(clicks).allMatch(e -> e.target().tag() != null);
    // four clicks on one spot within half a second: what a rage click is made of
    assertThat(clicks.subList(1, 5)).allMatch(e -> e.x() == 729.0 && e.y() == 124.0);
    assertThat(clicks.get(4).time() - clicks.get(1).time()).isLessThan(600);
    assertThat(events.stream().filter(e -> e.type().equals("pointer_move")))
        .anyMatch(e -> e.pointer().distance() > 500 && e.pointer().dirChangesY() == 2);
  }

  /**
   * Every kind the real recordings lack (Input, Selection, ViewportResize, a Mutation's new node
   * clicked), on a small form page: each becomes its event, and an Input never keeps its value.
   */
  @Test
  void everyKindOfRrwebEventBecomesItsEventAndAnInputNeverKeepsItsValue() throws Exception {
    String recording =
        "["
            + "{\"type\":4,\"timestamp\":1700000000000,\"data\":{\"href\":\"https://a.example/signup\","
            + "\"width\":1280,\"height\":800}},"
            + "{\"type\":2,\"timestamp\":1700000000001,\"data\":{\"node\":{\"type\":0,\"id\":1,"
            + "\"childNodes\":[{\"type\":2,\"id\":2,\"tagName\":\"html\",\"childNodes\":["
            + "{\"type\":2,\"id\":3,\"tagName\":\"body\",\"childNodes\":["
            + "{\"type\":2,\"id\":4,\"tagName\":\"form\",\"attributes\":{\"id\":\"signup\"},"
            + "\"childNodes\":[{\"type\":2,\"id\":5,\"tagName\":\"input\",\"attributes\":"
            + "{\"id\":\"email\",\"type\":\"email\",\"value\":\"secret@example.com\"}},"
            + "{\"type\":2,\"id\":6,\"tagName\":\"button\",\"attributes\":{\"class\":\"primary\"},"
            + "\"childNodes\":[{\"type\":3,\"id\":7,\"textContent\":\"Sign up\"}]}]}]}]}]},"
            + "\"initialOffset\":{\"top\":0,\"left\":0}}},"
            + "{\"type\":3,\"timestamp\":1700000000100,\"data\":{\"source\":2,\"type\":5,\"id\":5,"
            + "\"x\":10,\"y\":20}},"
            + "{\"type\":3,\"timestamp\":1700000000200,\"data\":{\"source\":5,\"id\":5,"
            + "\"text\":\"secret@example.com\",\"isChecked\":false}},"
            + "{\"type\":3,\"timestamp\":1700000000300,\"data\":{\"source\":2,\"type\":6,\"id\":5,"
            + "\"x\":10,\"y\":20}},"
            + "{\"type\":3,\"timestamp\":1700000000400,\"data\":{\"source\":14,\"ranges\":"
            + "[{\"start\":7,\"startOffset\":0,\"end\":7,\"endOffset\":4}]}},"
            + "{\"type\":3,\"timestamp\":1700000000500,\"data\":{\"source\":2,\"type\":4,\"id\":6,"
            + "\"x\":30,\"y\":40}},"
            + "{\"type\":3,\"timestamp\":1700000000600,\"data\":{\"source\":0,\"texts\":[],"
            + "\"attributes\":[],\"removes\":[],\"adds\":[{\"parentId\":3,\"nextId\":null,\"node\":"
            + "{\"type\":2,\"id\":8,\"tagName\":\"div\",\"attributes\":{\"class\":\"toast\"},"
            + "\"childNodes\":[{\"type\":3,\"id\":9,\"textContent\":\"Check your mail\"}]}}]}},"
            + "{\"type\":3,\"timestamp\":1700000000700,\"data\":{\"source\":2,\"type\":2,\"id\":8,"
            + "\"x\":50,\"y\":60}},"
            + "{\"type\":3,\"timestamp\":1700000000800,\"data\":{\"source\":4,\"width\":390,"
            + "\"height\":844}},"
            + "{\"type\":3,\"timestamp\":1700000000900,\"data\":{\"source\":1,\"positions\":"
            + "[{\"x\":0,\"y\":0,\"id\":6,\"timeOffset\":-300},{\"x\":30,\"y\":40,\"id\":6,"
            + "\"timeOffset\":0}]}}"
            + "]";
    RrwebRecording.Conversion c = RrwebRecording.convert(recording, "s");
    assertThat(c.failed()).isEmpty();
    assertThat(String.join("\n", c.events())).doesNotContain("secret");
    EventDecoder decoder = new EventDecoder(DecoderSettings.of(64 * 1024));
    List<Event> events = new ArrayList<>();
    for (String line : c.events()) {
      events.add(
          decoder.decodeRecord(line.getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE / 2, 0));
    }
    assertThat(events)
        .extracting(Event::type)
        .containsExactly(
            "page_view",
            "rrweb_full_snapshot",
            "focus",
            "input",
            "blur",
            "selection",
            "dblclick",
            "dom_change",
            "click",
            "viewport",
            "pointer_move");
    Event focus = events.get(2);
    assertThat(focus.target().tag()).isEqualTo("input");
    assertThat(focus.target().selector()).isEqualTo("form#signup > input#email");
    assertThat(focus.x()).isEqualTo(10.0);
    Event input = events.get(3);
    assertThat(input.field().id()).isEqualTo("form#signup > input#email");
    assertThat(input.toString()).doesNotContain("secret");
    Event dblclick = events.get(6);
    assertThat(dblclick.target().tag()).isEqualTo("button");
    assertThat(dblclick.target().text()).isEqualTo("Sign up");
    assertThat(events.get(7).props()).containsEntry("adds", "1").containsEntry("removes", "0");
    // a node a Mutation added is named like one of the snapshot
    assertThat(events.get(8).target().tag()).isEqualTo("div");
    assertThat(events.get(8).target().text()).isEqualTo("Check your mail");
    assertThat(events.get(9).viewport()).isEqualTo(new io.frictionflow.event.Viewport(390, 844));
    assertThat(events.get(10).viewport()).isEqualTo(new io.frictionflow.event.Viewport(390, 844));
    assertThat(events.get(10).pointer().distance()).isEqualTo(50.0);
    assertThat(events.get(10).pointer().durationMs()).isEqualTo(300L);
    assertThat(events.get(0).page().path()).isEqualTo("/signup");
  }

  @Test
  void aRecordingsFileNameIsItsSessionAndBadEventsFailOneByOne() throws Exception {
    assertThat(RrwebRecording.sessionIdOf("/tmp/x/session-42.rrweb.json")).isEqualTo("session-42");
    RrwebRecording.Conversion c =
        RrwebRecording.convert(
            "[{\"type\":4,\"data\":{\"href\":\"https://a.example/p\",\"width\":800,\"height\":600},"
                + "\"timestamp\":1682952380877},{\"type\":3,\"data\":{\"source\":2,\"type\":2,"
                + "\"x\":\"left\"},\"timestamp\":1682952380900}]",
            "s");
    assertThat(c.events()).hasSize(1);
    assertThat(c.failed()).hasSize(1);
    assertThat(c.failed().get(0).field()).isEqualTo("[1].data.x");
    assertThat(c.failed().get(0).reason()).isEqualTo("wrong_type");
    assertThat(RrwebRecording.isRecording("{\"session_id\":\"s\",\"event\":{\"data\":{}}}"))
        .isFalse();
  }
}
