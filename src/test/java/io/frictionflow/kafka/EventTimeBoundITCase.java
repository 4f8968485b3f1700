package io.frictionflow.kafka;

import static io.frictionflow.TestEvents.event;
import static io.frictionflow.kafka.JobHarness.POLL_DEADLINE;
import static io.frictionflow.kafka.JobHarness.jobArgs;
import static io.frictionflow.kafka.JobHarness.startJob;
import static io.frictionflow.kafka.JobHarness.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.Poll;
import io.frictionflow.TestClusters;
import io.frictionflow.kafka.JobHarness.Topics;
import io.frictionflow.signal.SignalIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event time bounded by arrival, on a real broker with several partitions and idleness on: an event
 * dated in the future (a wrong device clock, or a hostile client) goes to the failed topic with
 * reason {@code future_time} and never moves the watermark, so once the other partitions go idle
 * their events are still on time.
 */
class EventTimeBoundITCase {
  /** As {@link TestClusters#flink()}, with metrics fresh enough to poll watermarks on. */
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(
                  Configuration.fromMap(Map.of("metrics.fetcher.update-interval", "100 ms")))
              .build());

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final int PARTITIONS = 3;

  /** Short, so that the wait for the empty partitions to go idle stays brief. */
  private static final Duration IDLENESS = Duration.ofMillis(500);

  private static KafkaTestCluster kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = new KafkaTestCluster();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  /** A failed test must not leave its job holding the MiniCluster's slots. */
  @AfterEach
  void cancelRunningJobs(@InjectMiniCluster MiniCluster flink) throws Exception {
    JobHarness.cancelRunningJobs(flink);
  }

  @Test
  void aFutureDatedEventInOnePartitionIsFailedAndMakesNoOtherPartitionsEventsLate(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    Topics t = JobHarness.createTopics(kafka, "bound", PARTITIONS);
    String events = t.events();
    String fast = t.fast();
    String failed = t.failed();
    String late = t.late();
    JobID job =
        startJob(
            flink,
            jobArgs(
                kafka,
                t,
                "1s",
                dir,
                "--set",
                "frictionflow.time.idleness=" + IDLENESS.toMillis() + "ms"));

    // The record timestamps are now; the sessions happened half an hour ago.
    Instant now = Instant.now();
    long base = now.minus(Duration.ofMinutes(30)).toEpochMilli();
    // Partition 0 has an event; once the empty partitions have been idle for the idleness, the
    // watermark follows partition 0 alone: the state in which one bad clock used to blind the job.
    kafka.send(
        events, 0, "warm", event("page_view").id("warm").session("warm").at(at(base)).json());
    awaitWatermark(flink, job, base - 3_000);

    // An event dated an hour ahead and one two minutes ahead (before 2100, so the plausibility
    // check alone lets them through).
    String farFuture =
        event("click").id("future-far").session("clock").at(now.plusSeconds(3600)).json();
    String nearFuture =
        event("click").id("future-near").session("clock").at(now.plusSeconds(120)).json();
    kafka.send(events, 0, "clock", farFuture);
    kafka.send(events, 0, "clock", nearFuture);
    List<String> rejected = kafka.readUntil(failed, false, l -> l.size() >= 2, DEADLINE);
    assertThat(rejected)
        .extracting(f -> tree(f).get("reason").asText() + "@" + tree(f).get("field").asText())
        .containsExactly("future_time@ts", "future_time@ts");
    assertThat(rejected).extracting(f -> tree(f).get("raw").asText()).contains(farFuture);
    // One more ordinary event behind them on partition 0: once the watermark shows it, it would
    // also show the future events had they moved it.
    kafka.send(
        events, 0, "warm", event("page_view").id("warm-2").session("warm").at(at(base + 1)).json());
    awaitWatermark(flink, job, base + 1 - 3_000);
    assertThat(maxWatermark(flink, job)).isLessThan(now.toEpochMilli());

    // Every partition now gets rage-click sessions from half an hour ago, one partition after the
    // other, each read to its end before the next starts, and later in time than the one before.
    // Flink's idleness has a race by design that this keeps out of the test: a partition's first
    // records after an idle spell are late if another partition's later records come out first.
    Set<String> expected = new TreeSet<>();
    Set<String> sessions = new TreeSet<>();
    int s = 0;
    for (int partition : new int[] {1, 2, 0}) {
      for (int k = 0; k < 2; k++, s++) {
        String session = "p" + partition + "-s" + s;
        sessions.add(session);
        long start = base + 10_000L + s * 10_000L;
        kafka.send(
            events,
            partition,
            session,
            event("page_view").id(session + "-p").session(session).at(at(start)).json());
        for (int i = 0; i < 3; i++) {
          kafka.send(
              events,
              partition,
              session,
              event("click")
                  .id(session + "-c" + i)
                  .session(session)
                  .at(at(start + 1000 + i * 200L))
                  .xy(200, 300)
                  .json());
        }
        expected.add(
            SignalIds.of(
                "rage-click",
                1,
                session,
                List.of(session + "-c0", session + "-c1", session + "-c2")));
      }
      Poll.untilTrue(
          "the source to read partition " + partition + " to its end",
          POLL_DEADLINE,
          () -> kafka.committedToEnd(events, events));
    }
    // Then a later event on each partition, so the watermark passes the bursts.
    for (int partition = 0; partition < PARTITIONS; partition++) {
      kafka.send(
          events,
          partition,
          "tick-" + partition,
          event("page_view")
              .id("tick-" + partition)
              .session("tick-" + partition)
              .at(at(base + 600_000))
              .json());
    }

    List<String> signals =
        kafka.readUntil(fast, false, l -> rageClicks(l).containsAll(expected), DEADLINE);
    assertThat(rageClicks(signals)).isEqualTo(expected);
    assertThat(kafka.readAll(late, false, DEADLINE))
        .as("no event of the sessions is late")
        .noneMatch(l -> sessions.contains(tree(l).get("session_id").asText()));
    assertThat(maxWatermark(flink, job)).isLessThan(Instant.now().toEpochMilli());
    flink.cancelJob(job).get();
  }

  private static Instant at(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  private static Set<String> rageClicks(List<String> signals) {
    Set<String> ids = new HashSet<>();
    for (String s : signals) {
      JsonNode j = tree(s);
      if (j.get("pattern_id").asText().equals("rage-click")) {
        ids.add(j.get("signal_id").asText());
      }
    }
    return ids;
  }

  /** Polls until the job's watermark reaches {@code atLeast}. */
  private static void awaitWatermark(MiniCluster flink, JobID job, long atLeast) throws Exception {
    Poll.until(
        "the watermark to reach " + Instant.ofEpochMilli(atLeast),
        POLL_DEADLINE,
        () -> maxWatermark(flink, job),
        watermark -> watermark >= atLeast);
  }

  /**
   * The highest watermark any operator of the job has seen, from Flink's REST API: what the job
   * believes event time has reached.
   */
  private static long maxWatermark(MiniCluster flink, JobID job) throws Exception {
    URI rest = flink.getRestAddress().get();
    HttpClient http = HttpClient.newHttpClient();
    JsonNode vertices = get(http, rest.resolve("/jobs/" + job).toString()).get("vertices");
    long max = Long.MIN_VALUE;
    for (JsonNode v : vertices) {
      JsonNode marks =
          get(
              http,
              rest.resolve("/jobs/" + job + "/vertices/" + v.get("id").asText() + "/watermarks")
                  .toString());
      for (JsonNode m : marks) {
        long value = Long.parseLong(m.get("value").asText());
        max = Math.max(max, value);
      }
    }
    return max;
  }

  private static JsonNode get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
