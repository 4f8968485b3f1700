package io.frictionflow.kafka;

import static io.frictionflow.TestEvents.event;
import static io.frictionflow.kafka.JobHarness.POLL_DEADLINE;
import static io.frictionflow.kafka.JobHarness.startJob;
import static io.frictionflow.kafka.JobHarness.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frictionflow.Poll;
import io.frictionflow.kafka.JobHarness.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Patterns changed on a running job through the patterns topic, against a real broker: an edit
 * changes signals without a restart, a broken file is rejected on the status topic while the
 * previous version keeps firing, a new pattern is added and removed, and the applied version
 * survives a TaskManager failure.
 */
class LiveCatalogITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = io.frictionflow.TestClusters.flink();

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static KafkaTestCluster kafka;

  @TempDir Path dir;

  private String patternsTopic;
  private String statusTopic;

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

  private Topics topics(String prefix) throws Exception {
    patternsTopic = prefix + "-patterns";
    statusTopic = prefix + "-pattern-status";
    return JobHarness.createTopics(kafka, prefix, 2, patternsTopic, statusTopic);
  }

  private String[] jobArgs(Topics t) {
    return JobHarness.jobArgs(
        kafka,
        t,
        "1s",
        dir,
        "--set",
        "frictionflow.kafka.topics.patterns=" + patternsTopic,
        "--set",
        "frictionflow.kafka.topics.pattern-status=" + statusTopic,
        "--set",
        "flink.restart-strategy.type=fixed-delay",
        "--set",
        "flink.restart-strategy.fixed-delay.attempts=20",
        "--set",
        "flink.restart-strategy.fixed-delay.delay=200ms");
  }

  /** The bundled rage-click file. */
  private static String rageClick() throws Exception {
    return Files.readString(Path.of("patterns/rage-click.yaml"));
  }

  /** Rage-click counting {@code clicks} clicks, under {@code stateVersion} and {@code version}. */
  private static String rageClick(int clicks, int version, int stateVersion) throws Exception {
    String text =
        rageClick()
            .replace(
                "clicks: {type: int, default: 3,", "clicks: {type: int, default: " + clicks + ",")
            .replace(
                "\nversion: 1\n",
                "\nversion: " + version + "\nstate_version: " + stateVersion + "\n");
    assertThat(text)
        .contains("default: " + clicks + ",")
        .contains("state_version: " + stateVersion);
    return text;
  }

  /** A page view, then {@code clicks} clicks on one spot 200 ms apart, from {@code start}. */
  private void sendBurst(Topics t, String session, String burst, long start, int clicks)
      throws Exception {
    kafka.send(
        t.events(),
        null,
        session,
        event("page_view").id(session + burst + "-p").session(session).atMillis(start).json());
    for (int i = 0; i < clicks; i++) {
      kafka.send(
          t.events(),
          null,
          session,
          event("click")
              .id(session + burst + "-c" + i)
              .session(session)
              .atMillis(start + 1000 + i * 200L)
              .xy(200, 300)
              .json());
    }
  }

  /** An event far ahead on every partition, so watermarks pass everything before it. */
  private void sendTicks(Topics t, long at) throws Exception {
    for (int p = 0; p < 2; p++) {
      kafka.send(
          t.events(),
          p,
          "tick-" + p,
          event("page_view").id("tick-" + p + "-" + at).session("tick-" + p).atMillis(at).json());
    }
  }

  private static List<JsonNode> signalsOf(List<String> fast, String pattern, String session) {
    return fast.stream()
        .map(JobHarness::tree)
        .filter(s -> s.get("pattern_id").asText().equals(pattern))
        .filter(s -> s.get("session_id").asText().equals(session))
        .toList();
  }

  /** Waits for a signal of {@code pattern} in {@code session}; all signals read so far. */
  private List<String> awaitSignal(Topics t, String pattern, String session) {
    return kafka.readUntil(
        t.fast(), false, l -> !signalsOf(l, pattern, session).isEmpty(), DEADLINE);
  }

  /** Waits for the {@code n}-th status record and returns it. */
  private JsonNode awaitStatus(int n) {
    List<String> status = kafka.readUntil(statusTopic, false, l -> l.size() >= n, DEADLINE);
    return tree(status.get(n - 1));
  }

  @Test
  void aThresholdEditChangesSignalsWithoutARestartAndSurvivesATaskManagerFailure(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    Topics t = topics("live-edit");
    JobID job = startJob(flink, jobArgs(t));
    // Before the edit: three clicks are a rage click.
    sendBurst(t, "s1", "a", 0, 3);
    sendTicks(t, 100_000);
    assertThat(signalsOf(awaitSignal(t, "rage-click", "s1"), "rage-click", "s1"))
        .singleElement()
        .satisfies(s -> assertThat(s.get("pattern_version").asInt()).isEqualTo(1));

    // The edit: four clicks, a breaking change, so with a state-version bump.
    Instant published = Instant.now();
    kafka.send(patternsTopic, null, "rage-click", rageClick(4, 2, 2));
    JsonNode status = awaitStatus(1);
    Duration toApplied = Duration.between(published, Instant.now());
    assertThat(status.get("pattern_id").asText()).isEqualTo("rage-click");
    assertThat(status.get("status").asText()).isEqualTo("applied");
    assertThat(status.get("version").asInt()).isEqualTo(2);
    assertThat(status.get("state_version").asInt()).isEqualTo(2);
    assertThat(status.get("catalog_version").asLong()).isEqualTo(1);

    // After it, in one session: three clicks are no longer a rage click, four are.
    sendBurst(t, "s2", "a", 200_000, 3);
    sendBurst(t, "s2", "b", 210_000, 4);
    sendTicks(t, 300_000);
    List<String> fast = awaitSignal(t, "rage-click", "s2");
    Duration toSignal = Duration.between(published, Instant.now());
    assertThat(signalsOf(fast, "rage-click", "s2"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.get("pattern_version").asInt()).isEqualTo(2);
              assertThat(s.get("event_ids").toString()).contains("s2b-c0").doesNotContain("s2a-");
            });
    System.out.printf(
        "live edit: applied %d ms after publish, first signal of the new version %d ms after"
            + " publish (target < 5000 ms)%n",
        toApplied.toMillis(), toSignal.toMillis());

    // A checkpoint after the apply, then the TaskManager dies: the job restarts with the edit.
    int before = latestCheckpoint(job);
    Poll.until(
        "a checkpoint after the apply",
        POLL_DEADLINE,
        () -> latestCheckpoint(job),
        n -> n > before + 1);
    flink.terminateTaskManager(0).get();
    flink.startTaskManager();
    sendBurst(t, "s3", "a", 400_000, 3);
    sendBurst(t, "s3", "b", 410_000, 4);
    sendTicks(t, 500_000);
    fast = awaitSignal(t, "rage-click", "s3");
    assertThat(signalsOf(fast, "rage-click", "s3"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.get("pattern_version").asInt()).isEqualTo(2);
              assertThat(s.get("event_ids").toString()).contains("s3b-c0").doesNotContain("s3a-");
            });
    // The restored job does not report the update again: it was applied before the failure.
    assertThat(kafka.readAll(statusTopic, false, Duration.ofSeconds(2))).hasSize(1);
  }

  @Test
  void aBrokenFileIsRejectedOnTheStatusTopicWhileTheOldVersionKeepsFiring(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    Topics t = topics("live-broken");
    startJob(flink, jobArgs(t));
    kafka.send(patternsTopic, null, "rage-click", "id: rage-click\nversion: 2\nstages: [\n");
    JsonNode broken = awaitStatus(1);
    assertThat(broken.get("status").asText()).isEqualTo("rejected");
    assertThat(broken.get("reason").asText()).contains("patterns-topic:rage-click");
    // A breaking edit without a state-version bump is refused too, with what to do.
    kafka.send(patternsTopic, null, "rage-click", rageClick(4, 2, 1));
    JsonNode unbumped = awaitStatus(2);
    assertThat(unbumped.get("status").asText()).isEqualTo("rejected");
    assertThat(unbumped.get("reason").asText())
        .contains("repeat a different number of times")
        .contains("bump state_version to 2");
    assertThat(unbumped.get("catalog_version").asLong()).isZero();

    sendBurst(t, "s1", "a", 0, 3);
    sendTicks(t, 100_000);
    assertThat(signalsOf(awaitSignal(t, "rage-click", "s1"), "rage-click", "s1"))
        .singleElement()
        .satisfies(s -> assertThat(s.get("pattern_version").asInt()).isEqualTo(1));
  }

  @Test
  void aNewPatternIsAddedAndRemovedLive(@InjectMiniCluster MiniCluster flink) throws Exception {
    Topics t = topics("live-add");
    startJob(flink, jobArgs(t));
    String doubleClick =
        rageClick()
            .replace("id: rage-click", "id: double-click")
            .replace("clicks: {type: int, default: 3,", "clicks: {type: int, default: 2,");
    kafka.send(patternsTopic, null, "double-click", doubleClick);
    JsonNode added = awaitStatus(1);
    assertThat(added.get("status").asText()).isEqualTo("applied");
    assertThat(added.get("reason").asText()).contains("new pattern");

    sendBurst(t, "s1", "a", 0, 2);
    sendTicks(t, 100_000);
    awaitSignal(t, "double-click", "s1");

    kafka.send(patternsTopic, null, "double-click", null);
    JsonNode removed = awaitStatus(2);
    assertThat(removed.get("status").asText()).isEqualTo("removed");
    assertThat(removed.get("catalog_version").asLong()).isEqualTo(2);

    // After the removal two clicks are nothing; the three after them are still a rage click.
    sendBurst(t, "s2", "a", 200_000, 2);
    sendBurst(t, "s2", "b", 210_000, 3);
    sendTicks(t, 300_000);
    List<String> fast = awaitSignal(t, "rage-click", "s2");
    assertThat(signalsOf(fast, "double-click", "s2")).isEmpty();
    assertThat(signalsOf(fast, "rage-click", "s2")).hasSize(1);
  }

  /** The number of the newest completed checkpoint of {@code job}, or 0. */
  private int latestCheckpoint(JobID job) throws Exception {
    Path jobDir = dir.resolve("chk").resolve(job.toHexString());
    if (!Files.isDirectory(jobDir)) {
      return 0;
    }
    List<Integer> done = new ArrayList<>();
    try (Stream<Path> s = Files.list(jobDir)) {
      s.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_metadata")))
          .forEach(p -> done.add(Integer.parseInt(p.getFileName().toString().substring(4))));
    }
    return done.stream().max(Integer::compare).orElse(0);
  }
}
