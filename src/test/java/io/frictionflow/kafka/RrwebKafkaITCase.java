package io.frictionflow.kafka;

import static io.frictionflow.kafka.JobHarness.startJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.cli.FrictionFlow;
import io.frictionflow.kafka.JobHarness.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * rrweb over Kafka on a real broker, the way docs/events.md says it comes in: a real recording
 * produced record by record, one rrweb event per record, keyed by its session id, decoded by the
 * cluster job with {@code frictionflow.input.format: rrweb}. Its signals are those {@code run
 * --format rrweb} gives on the recording file (but for the event ids, which the Kafka records do
 * not carry); its node tree is cleared at session end; a FullSnapshot over {@code
 * frictionflow.rrweb.max-snapshot-bytes} is a failed record and the session goes on without it;
 * malformed records go to the failed topic naming the format, the field and the reason.
 */
class RrwebKafkaITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = io.frictionflow.TestClusters.flink();

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final Path RECORDING =
      Path.of("src/test/resources/formats/recordings/rrweb-player-demo-events.json");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The session `run` names the recording by (its file name), and the one with a big snapshot. */
  private static final String SESSION = "rrweb-player-demo-events";

  private static final String OVERSIZED = "rrweb-player-demo-oversized";

  /**
   * Limits under which the real FullSnapshot (48 KB) and its largest Mutation (47 KB) pass only as
   * DOM records, over the event limit and under the snapshot limit.
   */
  private static final String[] LIMITS = {
    "--set", "frictionflow.events.max-bytes=16384",
    "--set", "frictionflow.rrweb.max-snapshot-bytes=100000"
  };

  /**
   * Two patterns that fire only on what the session's state gives an rrweb event: a click whose
   * target the node tree names, a scroll whose {@code dy} the last offset gives.
   */
  private static final String TREE_CLICK =
      """
      id: tree-click
      version: 1
      description: A click on an element the node tree names (tag and path).
      severity: low
      on: [click]
      stages:
        - name: click
          type: click
          where:
            - {field: target.tag, exists: true}
            - {field: target.selector, exists: true}
      window: 1s
      skip: past_last_event
      """;

  private static final String SCROLL_DY =
      """
      id: scroll-dy
      version: 1
      description: A scroll whose distance the session's last scroll offset gives.
      severity: low
      on: [scroll]
      stages:
        - name: scroll
          type: scroll
          where:
            - {field: scroll.dy, exists: true}
      window: 1s
      skip: past_last_event
      """;

  private static KafkaTestCluster kafka;

  @TempDir Path dir;

  @AfterEach
  void cancelRunningJobs(@InjectMiniCluster MiniCluster flink) throws Exception {
    JobHarness.cancelRunningJobs(flink);
  }

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = new KafkaTestCluster();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  /** The built-in catalog and the two state-dependent patterns. */
  private Path patterns() throws Exception {
    Path p = Files.createDirectories(dir.resolve("patterns"));
    try (Stream<Path> files = Files.list(Path.of("patterns"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, p.resolve(f.getFileName()));
      }
    }
    Files.writeString(p.resolve("tree-click.yaml"), TREE_CLICK);
    Files.writeString(p.resolve("scroll-dy.yaml"), SCROLL_DY);
    return p;
  }

  /** {@code run --format rrweb} on {@code file}: its signals, sorted; nothing may fail. */
  private List<JsonNode> runOnFile(Path patterns, Path file) throws Exception {
    Path out = dir.resolve(file.getFileName() + ".signals.jsonl");
    Path failed = dir.resolve(file.getFileName() + ".failed.jsonl");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--patterns",
                patterns.toString(),
                "--format",
                "rrweb",
                "--events",
                file.toString(),
                "--output",
                out.toString(),
                "--failed",
                failed.toString(),
                "--no-webhooks"));
    args.addAll(List.of(LIMITS));
    StringWriter err = new StringWriter();
    int code =
        FrictionFlow.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            args.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("failed 0");
    assertThat(Files.readString(failed)).isEmpty();
    return sorted(Files.readAllLines(out).stream().map(JobHarness::tree).toList());
  }

  private static List<JsonNode> sorted(List<JsonNode> signals) {
    return signals.stream()
        .sorted(
            Comparator.comparing((JsonNode s) -> s.get("first_event_time").asText())
                .thenComparing(s -> s.get("pattern_id").asText()))
        .toList();
  }

  /**
   * A signal without what a Kafka record cannot give as a file does: the event ids (a file's are
   * {@code SESSION-INDEX}, a bare record's a digest of the session and the event) and so the signal
   * id, and the wall-clock time of detection. How many events it has stays. A match's context (and
   * the intent score in it) is the session's as far as the session operator has seen it when the
   * signal passes: a file arrives all at once, so its matches carry a later context; the
   * session_end signal, which carries the final context, is compared whole (its id is of the
   * session, its start and its event count).
   */
  private static JsonNode comparable(JsonNode signal) {
    ObjectNode s = signal.deepCopy();
    s.remove("detected_at");
    if (!s.get("kind").asText().equals("session_end")) {
      s.remove("signal_id");
      s.remove("context");
      s.remove("intent_score");
    }
    s.put("event_ids", s.get("event_ids").size());
    return s;
  }

  /** The job's signals of {@code session}, from the exactly-once topic. */
  private static List<JsonNode> signalsOf(List<String> signals, String session) {
    return sorted(
        signals.stream()
            .map(JobHarness::tree)
            .filter(s -> s.get("session_id").asText().equals(session))
            .toList());
  }

  private static Predicate<List<String>> sessionEnds(String session, int n) {
    return l ->
        signalsOf(l, session).stream()
                .filter(s -> s.get("kind").asText().equals("session_end"))
                .count()
            >= n;
  }

  /** A Meta event (a page view) on every partition, far ahead: watermarks pass everything. */
  private static void sendTicks(Topics t, long at) throws Exception {
    for (int p = 0; p < 2; p++) {
      kafka.send(
          t.events(),
          p,
          "tick-" + p,
          "{\"type\":4,\"timestamp\":"
              + at
              + ",\"data\":{\"href\":\"https://tick.example/\",\"width\":800,\"height\":600}}");
    }
  }

  /** The recording with its FullSnapshot grown by {@code divs} more elements in the body. */
  private static ArrayNode withBiggerSnapshot(ArrayNode events, int divs) {
    ArrayNode copy = events.deepCopy();
    for (JsonNode e : copy) {
      if (e.get("type").asInt() == 2) {
        ArrayNode body = (ArrayNode) bodyOf(e.get("data").get("node")).get("childNodes");
        for (int i = 0; i < divs; i++) {
          ObjectNode div = body.addObject().put("type", 2).put("id", 1_000_000 + 2 * i);
          div.put("tagName", "div").putObject("attributes").put("class", "padding");
          div.putArray("childNodes")
              .addObject()
              .put("type", 3)
              .put("id", 1_000_001 + 2 * i)
              .put("textContent", "a paragraph of the page that makes its snapshot large " + i);
        }
      }
    }
    return copy;
  }

  private static JsonNode bodyOf(JsonNode node) {
    if ("body".equals(node.path("tagName").asText())) {
      return node;
    }
    for (JsonNode child : node.path("childNodes")) {
      JsonNode body = bodyOf(child);
      if (body != null) {
        return body;
      }
    }
    return null;
  }

  /** The recording without its FullSnapshot: what a session whose snapshot failed goes on with. */
  private static ArrayNode withoutSnapshot(ArrayNode events) {
    ArrayNode out = JSON.createArrayNode();
    events.forEach(
        e -> {
          if (e.get("type").asInt() != 2) {
            out.add(e);
          }
        });
    return out;
  }

  @Test
  void aRecordProducedRecordByRecordGivesTheFilesSignalsAndItsStateEndsWithTheSession(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    Path patterns = patterns();
    ArrayNode recording = (ArrayNode) JSON.readTree(Files.readString(RECORDING));
    ArrayNode oversized = withBiggerSnapshot(recording, 1_500);
    Path withoutSnapshot = dir.resolve(OVERSIZED + ".json");
    Files.writeString(withoutSnapshot, withoutSnapshot(recording).toString());

    List<JsonNode> expected = runOnFile(patterns, RECORDING);
    List<JsonNode> expectedOversized = runOnFile(patterns, withoutSnapshot);
    // What the recording gives (docs/events.md): the three clicks named by the node tree, the ten
    // scrolls with a dy; the session whose snapshot is gone keeps the scrolls, not the targets.
    assertThat(expected)
        .extracting(s -> s.get("pattern_id").asText())
        .containsOnly("tree-click", "scroll-dy", "session_end")
        .filteredOn("tree-click"::equals)
        .hasSize(3);
    assertThat(expected)
        .filteredOn(s -> s.get("pattern_id").asText().equals("scroll-dy"))
        .hasSize(10);
    assertThat(expectedOversized)
        .extracting(s -> s.get("pattern_id").asText())
        .doesNotContain("tree-click")
        .contains("scroll-dy");

    Topics t = JobHarness.createTopics(kafka, "rrweb", 2);
    List<String> args =
        new ArrayList<>(
            List.of(
                JobHarness.jobArgs(
                    kafka, t, "1s", dir, "--set", "frictionflow.input.format=rrweb")));
    args.set(args.indexOf("--patterns") + 1, patterns.toString());
    args.addAll(List.of(LIMITS));
    JobID job = startJob(flink, args.toArray(String[]::new));

    // One rrweb event per record, keyed by its session, the two sessions interleaved (in time
    // order on each partition, whichever the keys land on); two malformed records among them.
    String malformed =
        "{\"type\":3,\"timestamp\":1544756800000,\"data\":{\"source\":2,\"type\":2,\"id\":5,"
            + "\"x\":\"left\",\"y\":10}}";
    for (int i = 0; i < recording.size(); i++) {
      kafka.send(t.events(), null, SESSION, recording.get(i).toString());
      kafka.send(t.events(), null, OVERSIZED, oversized.get(i).toString());
      if (i == 100) {
        kafka.send(t.events(), null, SESSION, malformed);
        kafka.send(t.events(), null, null, recording.get(0).toString());
      }
    }
    long last = recording.get(recording.size() - 1).get("timestamp").asLong();
    long tick = last + Duration.ofHours(2).toMillis();
    sendTicks(t, tick);

    List<String> signals =
        kafka.readUntil(
            t.signals(),
            true,
            l -> sessionEnds(SESSION, 1).test(l) && sessionEnds(OVERSIZED, 1).test(l),
            DEADLINE);
    assertThat(signalsOf(signals, SESSION).stream().map(RrwebKafkaITCase::comparable).toList())
        .isEqualTo(expected.stream().map(RrwebKafkaITCase::comparable).toList());
    assertThat(signalsOf(signals, SESSION))
        .filteredOn(s -> !s.get("kind").asText().equals("session_end"))
        .allSatisfy(s -> assertThat(s.get("event_ids").get(0).asText()).startsWith("rr-"));
    JsonNode end =
        signalsOf(signals, SESSION).stream()
            .filter(s -> s.get("kind").asText().equals("session_end"))
            .findFirst()
            .orElseThrow();
    assertThat(end.get("context").get("event_count").asInt()).isEqualTo(recording.size());

    // The snapshot over frictionflow.rrweb.max-snapshot-bytes failed; the session went on as if
    // it had never come: its signals are those of the recording without it.
    assertThat(signalsOf(signals, OVERSIZED).stream().map(RrwebKafkaITCase::comparable).toList())
        .isEqualTo(expectedOversized.stream().map(RrwebKafkaITCase::comparable).toList());

    // Exactly three failed records, none of the recordings' other events.
    List<String> failed = kafka.readUntil(t.failed(), false, l -> l.size() >= 3, DEADLINE);
    assertThat(failed).hasSize(3);
    List<JsonNode> reasons = failed.stream().map(JobHarness::tree).toList();
    assertThat(reasons)
        .anySatisfy(
            f -> {
              assertThat(f.get("reason").asText()).isEqualTo("oversized");
              assertThat(f.get("detail").asText())
                  .startsWith("rrweb: ")
                  .contains("frictionflow.rrweb.max-snapshot-bytes");
            })
        .anySatisfy(
            f -> {
              assertThat(f.get("reason").asText()).isEqualTo("wrong_type");
              assertThat(f.get("field").asText()).isEqualTo("event.data.x");
              assertThat(f.get("detail").asText()).startsWith("rrweb: ");
            })
        .anySatisfy(
            f -> {
              assertThat(f.get("reason").asText()).isEqualTo("missing_field");
              assertThat(f.get("field").asText()).isEqualTo("session_id");
              assertThat(f.get("detail").asText()).startsWith("rrweb: ");
            });

    // The session has ended, and its node tree and scroll offsets with it: the same click and
    // scroll again, in a new session under the same id, have no target name and no dy.
    JsonNode click = null;
    JsonNode scroll = null;
    for (JsonNode e : recording) {
      int source = e.path("data").path("source").asInt(-1);
      if (e.get("type").asInt() == 3 && source == 2 && e.get("data").get("type").asInt() == 2) {
        click = e;
      } else if (e.get("type").asInt() == 3 && source == 3) {
        scroll = e;
      }
    }
    long again = tick + 1_000;
    ObjectNode meta = ((ObjectNode) recording.get(0).deepCopy()).put("timestamp", again);
    kafka.send(t.events(), null, SESSION, meta.toString());
    kafka.send(
        t.events(),
        null,
        SESSION,
        ((ObjectNode) click.deepCopy()).put("timestamp", again + 1).toString());
    kafka.send(
        t.events(),
        null,
        SESSION,
        ((ObjectNode) scroll.deepCopy()).put("timestamp", again + 2).toString());
    sendTicks(t, again + Duration.ofHours(2).toMillis());
    signals = kafka.readUntil(t.signals(), true, sessionEnds(SESSION, 2), DEADLINE);
    List<JsonNode> after =
        signalsOf(signals, SESSION).stream()
            .filter(
                s ->
                    s.get("last_event_time").asText().compareTo(end.get("last_event_time").asText())
                        > 0)
            .toList();
    assertThat(after).extracting(s -> s.get("pattern_id").asText()).containsExactly("session_end");
    JsonNode lastEvents = after.get(0).get("context").get("last_events");
    assertThat(lastEvents)
        .extracting(e -> e.get("type").asText())
        .containsExactly("page_view", "click", "scroll");
    assertThat(lastEvents.get(1).has("target")).as(lastEvents.toString()).isFalse();
    JobHarness.cancel(flink, job);
  }
}
