package io.frictionflow.kafka;

import static io.frictionflow.TestEvents.event;
import static io.frictionflow.kafka.JobHarness.POLL_DEADLINE;
import static io.frictionflow.kafka.JobHarness.startJob;
import static io.frictionflow.kafka.JobHarness.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frictionflow.Poll;
import io.frictionflow.kafka.JobHarness.Topics;
import io.frictionflow.signal.SignalIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster job, started through its main as {@code flink run} would, against a real Kafka
 * broker: outputs, guarantees, and failures injected while events flow.
 */
class KafkaJobITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = io.frictionflow.TestClusters.flink();

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static KafkaTestCluster kafka;

  @TempDir Path dir;

  /** A failed test must not leave its job holding the MiniCluster's slots. */
  @org.junit.jupiter.api.AfterEach
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
    return JobHarness.createTopics(kafka, prefix, 2);
  }

  /** The job on {@code t}, checkpoints retained on cancel, restarting after failures. */
  private String[] jobArgs(Topics t, String checkpointInterval, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--set",
                "flink.execution.checkpointing.externalized-checkpoint-retention="
                    + "RETAIN_ON_CANCELLATION",
                "--set",
                "flink.restart-strategy.type=fixed-delay",
                "--set",
                "flink.restart-strategy.fixed-delay.attempts=20",
                "--set",
                "flink.restart-strategy.fixed-delay.delay=200ms"));
    args.addAll(List.of(extra));
    return JobHarness.jobArgs(kafka, t, checkpointInterval, dir, args.toArray(String[]::new));
  }

  private static String burstEvent(String session, int i, long at) {
    return event("click").id(session + "-c" + i).session(session).atMillis(at).xy(200, 300).json();
  }

  /** A page view and a rage burst of three clicks; returns the expected signal id. */
  private String sendSession(Topics t, String session, long start) throws Exception {
    kafka.send(
        t.events(),
        null,
        session,
        event("page_view").id(session + "-p").session(session).atMillis(start).json());
    for (int i = 0; i < 3; i++) {
      kafka.send(t.events(), null, session, burstEvent(session, i, start + 1000 + i * 200L));
    }
    return SignalIds.of(
        "rage-click", 1, session, List.of(session + "-c0", session + "-c1", session + "-c2"));
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

  private static List<String> ids(Collection<String> signals, String pattern) {
    return signals.stream()
        .map(JobHarness::tree)
        .filter(s -> s.get("pattern_id").asText().equals(pattern))
        .map(s -> s.get("signal_id").asText())
        .toList();
  }

  @Test
  void eventsInSignalsOutWithFailedAndLateTopics(@InjectMiniCluster MiniCluster flink)
      throws Exception {
    Topics t = topics("basic");
    JobID job = startJob(flink, jobArgs(t, "1s"));
    Set<String> expected = new TreeSet<>();
    expected.add(sendSession(t, "s1", 0));
    expected.add(sendSession(t, "s2", 500));
    kafka.send(t.events(), null, "bad", "not json at all");
    sendTicks(t, 600_000);

    List<String> fast =
        kafka.readUntil(
            t.fast(), false, l -> new HashSet<>(ids(l, "rage-click")).size() >= 2, DEADLINE);
    assertThat(new HashSet<>(ids(fast, "rage-click"))).isEqualTo(expected);
    List<String> signals =
        kafka.readUntil(t.signals(), true, l -> ids(l, "rage-click").size() >= 2, DEADLINE);
    assertThat(ids(signals, "rage-click")).containsExactlyInAnyOrderElementsOf(expected);

    // Warm now: how long until a new signal is visible on each path.
    expected.add(sendSession(t, "s3", 700_000));
    Instant sent = Instant.now();
    sendTicks(t, 1_300_000);
    kafka.readUntil(
        t.fast(), false, l -> new HashSet<>(ids(l, "rage-click")).size() >= 3, DEADLINE);
    Duration fastDelay = Duration.between(sent, Instant.now());
    signals = kafka.readUntil(t.signals(), true, l -> ids(l, "rage-click").size() >= 3, DEADLINE);
    Duration exactlyOnceDelay = Duration.between(sent, Instant.now());
    assertThat(ids(signals, "rage-click")).containsExactlyInAnyOrderElementsOf(expected);
    System.out.printf(
        "visibility: fast path %d ms, exactly-once path %d ms after the deciding event was sent"
            + " (checkpoint interval 1000 ms)%n",
        fastDelay.toMillis(), exactlyOnceDelay.toMillis());
    List<String> failed = kafka.readUntil(t.failed(), false, l -> !l.isEmpty(), DEADLINE);
    assertThat(failed)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(tree(f).get("reason").asText()).isEqualTo("not_json");
              assertThat(tree(f).get("raw").asText()).isEqualTo("not json at all");
            });

    // Signals carry the session context; the compacted topic has each session's latest context,
    // and a tombstone once the session ended (the last ticks are far beyond the idle timeout).
    // The context includes the match's events: a page view and three clicks.
    JsonNode context =
        signals.stream()
            .map(JobHarness::tree)
            .filter(x -> x.get("pattern_id").asText().equals("rage-click"))
            .findFirst()
            .orElseThrow()
            .get("context");
    assertThat(context.get("event_count").asInt()).isEqualTo(4);
    assertThat(context.get("last_events").size()).isEqualTo(context.get("event_count").asInt());
    sendTicks(t, 1_300_000 + 3_600_000);
    String contextTopic = t.context();
    List<String> contexts =
        kafka.readKeyedUntil(
            contextTopic,
            l ->
                l.contains("s1=" + KafkaTestCluster.TOMBSTONE)
                    && l.contains("s2=" + KafkaTestCluster.TOMBSTONE),
            DEADLINE);
    assertThat(contexts)
        .anySatisfy(c -> assertThat(c).startsWith("s1={").contains("\"entry_page\""));
    assertThat(contexts.indexOf("s1=" + KafkaTestCluster.TOMBSTONE))
        .isGreaterThan(
            contexts.stream()
                .filter(c -> c.startsWith("s1={"))
                .map(contexts::indexOf)
                .max(Integer::compare)
                .orElseThrow());

    // The watermark has passed the bursts on both partitions: an event from then is late.
    kafka.send(
        t.events(), null, "late", event("click").id("late-1").session("late").atMillis(100).json());
    List<String> late = kafka.readUntil(t.late(), false, l -> !l.isEmpty(), DEADLINE);
    assertThat(late)
        .singleElement()
        .satisfies(l -> assertThat(tree(l).get("event_id").asText()).isEqualTo("late-1"));
    flink.cancelJob(job).get();
  }

  @Test
  void exactlyOnceSignalsSurviveATaskFailureAndARestoreFromCheckpointAfterCancel(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    Topics t = topics("failover");
    // A real webhook endpoint: every signal must reach it, deduplicated on webhook-id exactly once.
    Set<String> webhookIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger webhookRequests =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer hook =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress("127.0.0.1", 0), 50);
    hook.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          String id = ex.getRequestHeaders().getFirst("webhook-id");
          webhookIds.add(id);
          webhookRequests.incrementAndGet();
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    hook.start();
    String hookUrl = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
    String[] webhookArgs = {
      "--set",
      "frictionflow.webhooks.destinations.crm.url=" + hookUrl,
      "--set",
      "frictionflow.webhooks.destinations.crm.patterns=rage-click"
    };
    // A long interval, so that the failure comes after signals the last checkpoint does not cover.
    JobID first = startJob(flink, jobArgs(t, "4s", webhookArgs));
    Set<String> expected = new TreeSet<>();
    long at = 0;
    for (int s = 0; s < 20; s++, at += 5_000) {
      expected.add(sendSession(t, "a" + s, at));
    }
    awaitCompletedCheckpoint(first, 1);
    Set<String> batchB = new TreeSet<>();
    for (int s = 0; s < 10; s++, at += 5_000) {
      batchB.add(sendSession(t, "b" + s, at));
    }
    expected.addAll(batchB);
    // Let some of batch b reach the fast path, then fail before (most likely) the next checkpoint.
    kafka.readUntil(
        t.fast(), false, l -> ids(l, "rage-click").stream().anyMatch(batchB::contains), DEADLINE);

    // Failure 1: the task manager dies mid-stream; the job restarts from its last checkpoint.
    flink.terminateTaskManager(0).get();
    flink.startTaskManager();
    Poll.until(
        "the restarted job to commit 10 rage-click signals",
        POLL_DEADLINE,
        () -> {
          List<String> got =
              kafka.readUntil(
                  t.signals(), true, l -> ids(l, "rage-click").size() >= 10, Duration.ofSeconds(2));
          return ids(got, "rage-click").size();
        },
        committed -> committed >= 10);
    int checkpoints = awaitCompletedCheckpoint(first, 1);

    // Failure 2: cancel, then start again from the latest retained checkpoint.
    flink.cancelJob(first).get();
    Path latest = latestCheckpoint(first);
    JobID second =
        startJob(
            flink,
            jobArgs(
                t,
                "4s",
                Stream.concat(
                        Stream.of(webhookArgs),
                        Stream.of("--set", "flink.execution.state-recovery.path=" + latest.toUri()))
                    .toArray(String[]::new)));
    for (int s = 0; s < 10; s++, at += 5_000) {
      expected.add(sendSession(t, "c" + s, at));
    }
    sendTicks(t, at + 600_000);

    List<String> committed =
        kafka.readUntil(
            t.signals(),
            true,
            l -> new HashSet<>(ids(l, "rage-click")).size() >= expected.size(),
            DEADLINE);
    List<String> committedIds = ids(committed, "rage-click");
    assertThat(new TreeSet<>(committedIds)).isEqualTo(expected);
    assertThat(committedIds).as("no duplicates on the exactly-once topic").doesNotHaveDuplicates();

    List<String> fast =
        kafka.readUntil(
            t.fast(),
            false,
            l -> new HashSet<>(ids(l, "rage-click")).containsAll(expected),
            DEADLINE);
    List<String> fastIds = ids(fast, "rage-click");
    assertThat(new TreeSet<>(fastIds)).isEqualTo(expected);
    Poll.untilTrue(
        "every signal at the webhook", POLL_DEADLINE, () -> webhookIds.containsAll(expected));
    assertThat(webhookIds).isEqualTo(expected);
    hook.stop(0);
    System.out.printf(
        "failover: %d signals expected; exactly-once topic %d records; fast topic %d records"
            + " (%d duplicates); webhook %d requests, %d distinct webhook-ids; after 2 failures;"
            + " %d checkpoints before cancel%n",
        expected.size(),
        committedIds.size(),
        fastIds.size(),
        fastIds.size() - expected.size(),
        webhookRequests.get(),
        webhookIds.size(),
        checkpoints);
    flink.cancelJob(second).get();
  }

  /** Waits for at least {@code n} completed checkpoints of {@code job}; returns how many. */
  private int awaitCompletedCheckpoint(JobID job, int n) throws Exception {
    return Poll.until(
        n + " completed checkpoint(s)",
        POLL_DEADLINE,
        () -> (int) completedCheckpoints(job).count(),
        count -> count >= n);
  }

  private Stream<Path> completedCheckpoints(JobID job) throws Exception {
    Path jobDir = dir.resolve("chk").resolve(job.toHexString());
    if (!Files.isDirectory(jobDir)) {
      return Stream.empty();
    }
    try (Stream<Path> s = Files.list(jobDir)) {
      return s
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_metadata")))
          .toList()
          .stream();
    }
  }

  private Path latestCheckpoint(JobID job) throws Exception {
    return completedCheckpoints(job)
        .max((a, b) -> Integer.compare(number(a), number(b)))
        .orElseThrow(() -> new AssertionError("no retained checkpoint of " + job));
  }

  private static int number(Path chk) {
    return Integer.parseInt(chk.getFileName().toString().substring(4));
  }
}
