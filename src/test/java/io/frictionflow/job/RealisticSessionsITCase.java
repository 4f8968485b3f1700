package io.frictionflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.TestClusters;
import io.frictionflow.TestEvents;
import io.frictionflow.config.JobSettings;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.sample.SessionGenerator;
import io.frictionflow.sample.SessionGenerator.Scenario;
import io.frictionflow.sample.SessionGenerator.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in catalog on realistic sessions: normal browsing with one friction scenario in some
 * sessions, many sessions interleaved, some events out of order within the bound, other event types
 * between each pattern's own. Exactly the expected patterns fire per session, and none on normal
 * sessions.
 */
class RealisticSessionsITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestClusters.flink();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  /** Pattern ids fired per session, with counts. */
  private Map<String, Map<String, Integer>> firedBySession(Path events) throws Exception {
    var detectors =
        PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of()).stream()
            .map(Detector::of)
            .toList();
    Map<String, Map<String, Integer>> fired = Collections.synchronizedMap(new TreeMap<>());
    LocalJob.run(
        events,
        JobSettings.defaults(),
        detectors,
        2,
        r -> {
          // Pattern signals only; intent signals are the intent tests' business.
          if (r.channel().equals(OutputRecord.SIGNAL)
              && !r.key().equals("intent")
              && !r.key().equals("session_end")) {
            try {
              JsonNode s = JSON.readTree(r.json());
              fired
                  .computeIfAbsent(s.get("session_id").asText(), k -> new TreeMap<>())
                  .merge(s.get("pattern_id").asText(), 1, Integer::sum);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });
    return fired;
  }

  @Test
  void eachScenarioFiresExactlyItsPatternsAndNormalSessionsFireNothing() throws Exception {
    SessionGenerator gen = new SessionGenerator(7, TestEvents.T0.toEpochMilli());
    List<Session> sessions = gen.sessions(90, 0.5, 10 * 60_000L);
    List<ObjectNode> events = SessionGenerator.interleave(sessions);
    List<String> lines = new ArrayList<>();
    events.forEach(e -> lines.add(e.toString()));
    // Out of order within the 2 s bound: swap neighbours that are under a second apart.
    SplittableRandom random = new SplittableRandom(3);
    int swapped = 0;
    for (int i = 1; i < events.size(); i++) {
      long gap = events.get(i).get("ts").asLong() - events.get(i - 1).get("ts").asLong();
      if (gap < 1000 && random.nextInt(5) == 0) {
        Collections.swap(lines, i - 1, i);
        swapped++;
      }
    }
    assertThat(swapped).isGreaterThan(10);
    Path file = dir.resolve("sessions.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);

    Map<String, Map<String, Integer>> fired = firedBySession(file);

    Map<String, List<String>> wrong = new TreeMap<>();
    for (Session s : sessions) {
      var got = new TreeSet<>(fired.getOrDefault(s.id(), Map.of()).keySet());
      var want = new TreeSet<>(s.scenario() == null ? List.of() : s.scenario().patterns());
      if (!got.equals(want)) {
        wrong.put(
            s.id() + " (" + (s.scenario() == null ? "normal" : s.scenario().label()) + ")",
            List.of("want " + want, "got " + fired.get(s.id())));
      }
    }
    assertThat(wrong).isEmpty();
    // One signal per incident: one rage click per burst, one loop, one abandonment.
    for (Session s : sessions) {
      if (s.scenario() != null && s.scenario() != Scenario.RAGE_CLICK) {
        assertThat(fired.get(s.id())).as(s.id()).allSatisfy((p, n) -> assertThat(n).isEqualTo(1));
      }
      if (s.scenario() == Scenario.RAGE_CLICK) {
        assertThat(fired.get(s.id())).containsEntry("rage-click", 1);
      }
    }
  }

  @Test
  void theBundledDemoSessionsShowEveryPatternAndNothingOnNormalSessions() throws Exception {
    Path sample = Path.of("src/main/resources/samples/sessions.jsonl");
    Map<String, String> scenarioBySession = new HashMap<>();
    for (String line : Files.readAllLines(sample)) {
      try {
        JsonNode e = JSON.readTree(line);
        JsonNode sc = e.path("props").path("scenario");
        if (sc.isTextual()) {
          scenarioBySession.put(e.get("session_id").asText(), sc.asText());
        }
      } catch (Exception malformed) {
        // The sample has a few malformed records on purpose.
      }
    }
    Map<String, Map<String, Integer>> fired = firedBySession(sample);
    var allFired = new TreeSet<String>();
    fired.values().forEach(m -> allFired.addAll(m.keySet()));
    assertThat(allFired)
        .containsExactlyInAnyOrderElementsOf(
            PatternCatalog.definitions(Path.of("patterns")).stream().map(d -> d.id()).toList());
    fired.forEach(
        (session, patterns) ->
            assertThat(scenarioBySession)
                .as("session %s fired %s but is a normal session", session, patterns)
                .containsKey(session));
  }
}
