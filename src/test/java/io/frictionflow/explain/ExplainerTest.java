package io.frictionflow.explain;

import static io.frictionflow.TestEvents.click;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.pattern.Example;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternDefinition;
import io.frictionflow.pattern.PatternSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Explainer} on the compiled automaton: every near miss of the built-in catalog is explained
 * by a rejecting condition, a closing window or a held-back match; the text and JSON forms.
 */
class ExplainerTest {
  private static final Explainer EXPLAINER = new Explainer(Duration.ofMinutes(30));
  private static final EventDecoder DECODER = new EventDecoder(DecoderSettings.of(64 * 1024));

  private static List<Event> decode(List<String> json) throws Exception {
    List<Event> out = new ArrayList<>();
    for (String j : json) {
      out.add(DECODER.decode(j, 0));
    }
    return out;
  }

  private static PatternSpec rageClick() {
    return PatternCatalog.definitions(Path.of("patterns")).stream()
        .filter(d -> d.id().equals("rage-click"))
        .findFirst()
        .orElseThrow()
        .resolve(null, Map.of());
  }

  @Test
  void everyNearMissOfTheCatalogNamesTheFailingConditionOrTheClosingWindow() throws Exception {
    int nearMisses = 0;
    for (PatternDefinition def : PatternCatalog.definitions(Path.of("patterns"))) {
      for (Example ex : def.examples()) {
        if (!ex.expect().isEmpty()) {
          continue;
        }
        nearMisses++;
        PatternSpec spec = def.resolve(ex.profile(), ex.params());
        Explanation x = EXPLAINER.explain(spec, decode(ex.events()), null);
        String where = def.file() + " example '" + ex.name() + "'";
        assertThat(x.sessions()).as(where).isNotEmpty();
        assertThat(x.sessions())
            .as(where)
            .allSatisfy(s -> assertThat(s.matches()).noneMatch(Explanation.Match::fired));
        assertThat(x.sessions())
            .as(where + ": a rejecting condition, a pruned partial match or a held-back match")
            .anySatisfy(
                s ->
                    assertThat(
                            s.misses().stream().anyMatch(m -> !m.condition().isEmpty())
                                || !s.pruned().isEmpty()
                                || s.matches().stream().anyMatch(m -> !m.fired()))
                        .isTrue());
        assertThat(ExplainText.render(x))
            .as(where)
            .containsPattern("rejected|forbids|timed out|suppressed|stopped");
      }
    }
    assertThat(nearMisses).isGreaterThan(5);
  }

  @Test
  void theTextSaysWhichConditionRejectedTheNearestMissAndWhatItSaw() throws Exception {
    List<Event> events =
        List.of(
            click("#pay").id("c1").atMillis(0).xy(100, 200).event(),
            click("#pay").id("c2").atMillis(500).xy(100, 200).event(),
            click("#pay").id("c3").atMillis(1500).xy(100, 200).event());
    String text = ExplainText.render(EXPLAINER.explain(rageClick(), events, null));
    assertThat(text)
        .contains("pattern rage-click v1 (profile default) on click: 1 stage, window 1h")
        .contains("session s1: 3 events")
        .contains(
            "event c3 at +1.5s: click rejected at stage `clicks` after [c1, c2] (and 1"
                + " other partial match): time_since previous < 1000ms was false (saw 1000ms)")
        .contains("no match");
  }

  @Test
  void anEventTurnedAwayFromSeveralPartialMatchesIsListedOnceWithTheirCount() throws Exception {
    List<Event> events =
        List.of(
            click("#pay").id("c1").atMillis(0).xy(10, 10).event(),
            click("#pay").id("c2").atMillis(200).xy(10, 10).event(),
            click("#pay").id("far").atMillis(400).xy(500, 500).event());
    Explanation.SessionExplanation s =
        EXPLAINER.explain(rageClick(), events, null).sessions().get(0);
    // [c1, c2] and [c2] both wait for a third click: far is rejected once, for both.
    assertThat(s.misses()).filteredOn(m -> m.event().eventId().equals("far")).hasSize(1);
    Explanation.Miss far = s.misses().get(0);
    assertThat(far.event().eventId()).isEqualTo("far");
    assertThat(far.partial()).containsExactly("c1", "c2");
    assertThat(far.partialMatches()).isEqualTo(2);
    assertThat(ExplainText.miss(far))
        .isEqualTo(
            "event far at +400ms: click rejected at stage `clicks` after [c1, c2] (and 1 other"
                + " partial match): distance_from previous (manhattan) < 30 px was false"
                + " (saw 980 px)");
  }

  @Test
  void theJsonHasTheDocumentedShape() throws Exception {
    List<Event> events = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      events.add(click("#pay").id("c" + i).atMillis(200L * i).xy(10, 10).event());
    }
    events.add(click("#pay").id("far").atMillis(1300).xy(500, 500).event());
    JsonNode root =
        JsonMapper.builder()
            .build()
            .readTree(ExplainJson.render(List.of(EXPLAINER.explain(rageClick(), events, "s1"))));
    assertThat(root.get("explain_version").asInt()).isEqualTo(1);
    JsonNode p = root.get("patterns").get(0);
    assertThat(p.get("pattern_id").asText()).isEqualTo("rage-click");
    assertThat(p.get("window").asText()).isEqualTo("PT1H");
    assertThat(p.get("fire").asText()).isEqualTo("once_per_incident");
    assertThat(p.get("params").get("clicks").asInt()).isEqualTo(3);
    assertThat(p.get("stages").get(0).get("name").asText()).isEqualTo("clicks");
    assertThat(p.get("stages").get(0).get("where").asText())
        .contains("time_since previous < 1000ms");
    JsonNode s = p.get("sessions").get(0);
    assertThat(s.get("session_id").asText()).isEqualTo("s1");
    assertThat(s.get("events").asInt()).isEqualTo(6);
    assertThat(s.get("past_first_stage").asBoolean()).isTrue();
    JsonNode matches = s.get("matches");
    assertThat(matches).hasSize(3);
    assertThat(matches.get(0).get("event_ids").toString()).isEqualTo("[\"c1\",\"c2\",\"c3\"]");
    assertThat(matches.get(0).get("fired").asBoolean()).isTrue();
    assertThat(matches.get(0).get("held_by").isNull()).isTrue();
    assertThat(matches.get(0).get("emitted_at_offset_ms").asLong()).isEqualTo(400);
    assertThat(matches.get(1).get("fired").asBoolean()).isFalse();
    assertThat(matches.get(1).get("held_by").asText()).isEqualTo("once_per_incident");
    JsonNode entered = s.get("entered").get(0);
    assertThat(entered.get("stage").asText()).isEqualTo("clicks");
    assertThat(entered.get("events").get(0).get("event_id").asText()).isEqualTo("c1");
    assertThat(entered.get("events").get(0).get("offset_ms").asLong()).isZero();
    JsonNode miss = s.get("misses").get(0);
    assertThat(miss.get("kind").asText()).isEqualTo("rejected");
    assertThat(miss.get("event").get("event_id").asText()).isEqualTo("far");
    assertThat(miss.get("stage").asText()).isEqualTo("clicks");
    assertThat(miss.get("condition").asText())
        .startsWith("distance_from previous (manhattan) < 30");
    assertThat(miss.get("observed").asText()).isEqualTo("980 px");
    assertThat(miss.get("partial")).isNotEmpty();
    assertThat(miss.get("partial_matches").asInt()).isGreaterThan(1);
    // The far click starts a burst of its own, which the hour's window closes on.
    assertThat(s.get("pruned").get(0).get("event_ids").toString()).isEqualTo("[\"far\"]");
    assertThat(s.get("pruned").get(0).get("cause").asText()).isEqualTo("window");
  }

  @Test
  void aWindowThatClosesIsReportedAsPruned() throws Exception {
    PatternSpec spec =
        PatternCatalog.definitions(Path.of("patterns")).stream()
            .filter(d -> d.id().equals("rage-click"))
            .findFirst()
            .orElseThrow()
            .resolve("datadog", Map.of());
    List<Event> events =
        List.of(
            click("#a").id("c1").atMillis(0).xy(50, 50).event(),
            click("#a").id("c2").atMillis(600).xy(50, 50).event(),
            click("#a").id("c3").atMillis(1200).xy(50, 50).event());
    Explanation.SessionExplanation s = EXPLAINER.explain(spec, events, null).sessions().get(0);
    assertThat(s.matches()).isEmpty();
    assertThat(s.pruned()).isNotEmpty();
    assertThat(s.pruned().get(0).cause()).isEqualTo("window");
    assertThat(s.pruned().get(0).eventIds()).containsExactly("c1", "c2");
  }

  @Test
  void sessionsPastTheFirstStageAreCounted() throws Exception {
    List<Event> events =
        List.of(
            click("#a").id("a1").session("one").atMillis(0).xy(1, 1).event(),
            click("#a").id("a2").session("one").atMillis(100).xy(1, 1).event(),
            click("#a").id("b1").session("two").atMillis(0).xy(1, 1).event());
    assertThat(EXPLAINER.sessionsPastFirstStage(List.of(rageClick()), events))
        .containsExactly(Map.entry("rage-click", 1L));
  }
}
