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
