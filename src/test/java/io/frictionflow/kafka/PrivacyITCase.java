package io.frictionflow.kafka;

import static io.frictionflow.TestEvents.click;
import static io.frictionflow.TestEvents.event;
import static io.frictionflow.kafka.JobHarness.POLL_DEADLINE;
import static io.frictionflow.kafka.JobHarness.jobArgs;
import static io.frictionflow.kafka.JobHarness.startJob;
import static io.frictionflow.kafka.JobHarness.treeOrNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frictionflow.PiiEvents;
import io.frictionflow.Poll;
import io.frictionflow.TestEvents;
import io.frictionflow.cli.FrictionFlow;
import io.frictionflow.kafka.JobHarness.Topics;
import io.frictionflow.webhook.TestEndpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privacy that holds for every output: personal data and secrets planted in every string field of
 * the canonical event never show on any output of the job, read where a user reads them: the files
 * of {@code run}, every Kafka topic of the cluster job (values and keys), and the bodies that real
 * webhook endpoints receive, delivered or given up on.
 */
class PrivacyITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = io.frictionflow.TestClusters.flink();

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final long HOUR = 3_600_000;
  private static KafkaTestCluster kafka;

  @TempDir Path dir;
  private TestEndpoint delivered;
  private TestEndpoint refused;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = new KafkaTestCluster();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  @BeforeEach
  void startEndpoints() throws Exception {
    delivered = new TestEndpoint((n, ex) -> 200);
    // A permanent refusal: the job gives up at once and the signal goes to the undelivered output.
    refused = new TestEndpoint((n, ex) -> 400);
  }

  @AfterEach
  void stop(@InjectMiniCluster MiniCluster flink) throws Exception {
    delivered.close();
    refused.close();
    JobHarness.cancelRunningJobs(flink);
  }

  /** A session with PII everywhere and a rage burst; records to reject; then a late event. */
  private static List<String> session() {
    List<String> lines = new ArrayList<>();
    lines.add(
        PiiEvents.plant(event("page_view").id("p0").session("pii"), false).atMillis(0).json());
    for (int i = 0; i < 3; i++) {
      lines.add(
          PiiEvents.plant(click("#x").id("c" + i).session("pii"), false)
              .atMillis(1000 + i * 200L)
              .xy(200, 300)
              .json());
    }
    lines.add(PiiEvents.plant(event("error").id("e0").session("pii"), true).atMillis(1700).json());
    lines.add(
        PiiEvents.plant(event("jane.doe@example.com").id("u0").session("pii"), true)
            .atMillis(1800)
            .json());
    return lines;
  }

  /** Records the decoder rejects: no session id, a wrong type, and no JSON at all. */
  private static List<String> rejected() {
    var noSession = PiiEvents.plant(event("click").id("f0"), true).atMillis(1900).tree();
    noSession.remove("session_id");
    var wrongType = PiiEvents.plant(event("click").id("f1").session("pii"), true).atMillis(1900);
    return List.of(
        noSession.toString(),
        wrongType.put("x", "jane.doe@example.com").json(),
        "not json: " + PiiEvents.TEXT + " " + PiiEvents.URL);
  }

  private static String late() {
    return PiiEvents.plant(click("#x").id("late").session("pii-late"), true).atMillis(500).json();
  }

  private static String tick(String id, long at) {
    return event("page_view").id(id).session("tick").atMillis(at).json();
  }

  private String[] webhookArgs() {
    return new String[] {
      "--set", "frictionflow.webhooks.destinations.crm.url=" + delivered.url(),
      "--set", "frictionflow.webhooks.destinations.refuses.url=" + refused.url(),
      "--set", "frictionflow.webhooks.destinations.refuses.patterns=rage-click"
    };
  }

  @Test
  void noPlantedDataReachesAnyFileOrWebhookOfRun() throws Exception {
    List<String> lines = new ArrayList<>(session());
    lines.addAll(rejected());
    lines.add(tick("t0", 2 * HOUR));
    lines.add(late());
    Path in = TestEvents.write(dir, "pii.jsonl", lines);
    Path signals = dir.resolve("signals.jsonl");
    Path failed = dir.resolve("failed.jsonl");
    Path late = dir.resolve("late.jsonl");
    Path undelivered = dir.resolve("undelivered.jsonl");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--patterns",
                "patterns",
                "--events",
                in.toString(),
                "--output",
                signals.toString(),
                "--failed",
                failed.toString(),
                "--late",
                late.toString(),
                "--undelivered",
                undelivered.toString()));
    args.addAll(List.of(webhookArgs()));
    StringWriter err = new StringWriter();
    int code =
        FrictionFlow.execute(
            new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
    assertThat(code).as("run: %s", err).isZero();

    List<String> signalLines = Files.readAllLines(signals);
    assertThat(patterns(signalLines)).contains("rage-click", "session_end");
    assertThat(Files.readAllLines(failed)).hasSize(3);
    assertThat(Files.readAllLines(late))
        .singleElement()
        .satisfies(l -> assertThat(treeOrNull(l).get("event_id").asText()).isEqualTo("late"));
    assertThat(Files.readAllLines(undelivered)).isNotEmpty();
    for (Path p : List.of(signals, failed, late, undelivered)) {
      PiiEvents.assertClean(p.getFileName().toString(), Files.readString(p));
    }
    assertWebhooksClean();
  }

  @Test
  void noPlantedDataReachesAnyTopicOrWebhookOfTheClusterJob(@InjectMiniCluster MiniCluster flink)
      throws Exception {
    String undelivered = "privacy-undelivered";
    Topics t = JobHarness.createTopics(kafka, "privacy", 1, undelivered);
    List<String> extra =
        new ArrayList<>(
            List.of("--set", "frictionflow.kafka.topics.signals-undelivered=" + undelivered));
    extra.addAll(List.of(webhookArgs()));
    JobID job = startJob(flink, jobArgs(kafka, t, "500ms", dir, extra.toArray(String[]::new)));

    for (String l : session()) {
      kafka.send(t.events(), null, "pii", l);
    }
    for (String l : rejected()) {
      kafka.send(t.events(), null, "pii", l);
    }
    // Far ahead: the watermark passes the burst and the session times out with its context.
    kafka.send(t.events(), null, "tick", tick("t0", 2 * HOUR));
    List<String> committed =
        kafka.readUntil(
            t.signals(),
            true,
            l -> patterns(l).containsAll(Set.of("rage-click", "session_end")),
            DEADLINE);
    kafka.send(t.events(), null, "pii-late", late());

    List<String> out = new ArrayList<>(committed);
    out.addAll(
        kafka.readKeyedUntil(t.fast(), l -> patterns(values(l)).contains("session_end"), DEADLINE));
    out.addAll(kafka.readKeyedUntil(t.failed(), l -> l.size() >= 3, DEADLINE));
    out.addAll(kafka.readKeyedUntil(t.late(), l -> !l.isEmpty(), DEADLINE));
    out.addAll(
        kafka.readKeyedUntil(
            t.context(), l -> l.stream().anyMatch(c -> c.startsWith("pii={")), DEADLINE));
    out.addAll(kafka.readKeyedUntil(undelivered, l -> !l.isEmpty(), DEADLINE));
    for (String record : out) {
      PiiEvents.assertClean("a Kafka record", record);
    }
    assertWebhooksClean();
    flink.cancelJob(job).get();
  }

  /** Both endpoints got requests, and none carries planted data. */
  private void assertWebhooksClean() throws Exception {
    Poll.untilTrue(
        "webhook requests at both endpoints",
        POLL_DEADLINE,
        () -> !delivered.requests.isEmpty() && !refused.requests.isEmpty());
    for (TestEndpoint e : List.of(delivered, refused)) {
      for (TestEndpoint.Request r : e.requests) {
        PiiEvents.assertClean("a webhook body", r.body());
      }
    }
  }

  private static Set<String> patterns(List<String> signals) {
    Set<String> out = new HashSet<>();
    for (String s : signals) {
      JsonNode n = treeOrNull(s);
      if (n != null && n.has("pattern_id")) {
        out.add(n.get("pattern_id").asText());
      }
    }
    return out;
  }

  /** The values of {@code key=value} records. */
  private static List<String> values(List<String> keyed) {
    return keyed.stream().map(k -> k.substring(k.indexOf('=') + 1)).toList();
  }
}
