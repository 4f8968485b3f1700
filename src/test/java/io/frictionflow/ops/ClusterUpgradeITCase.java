package io.frictionflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.Poll;
import io.frictionflow.cli.FrictionFlow;
import io.frictionflow.kafka.KafkaTestClient;
import io.frictionflow.webhook.TestEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations procedures of docs/operations.md on a real stack: {@code bin/frictionflow cluster
 * start} (a standalone Flink 2.2.1 session cluster and a Kafka broker, separate processes), the
 * shaded jar submitted over REST, stop-with-savepoint half-way through a rage-click burst and a
 * cart abandonment, and restores with the same catalog, a compatible edit plus a new pattern (at
 * another parallelism), and a breaking edit with a state-version bump; then a replay.
 */
class ClusterUpgradeITCase {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path JAR = Path.of("target", "frictionflow-0.1.0-SNAPSHOT.jar");
  private static final Duration DEADLINE = Duration.ofMinutes(2);
  private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
  private static final String GROUP = "frictionflow";
  private static final int PARTITIONS = 4;

  @TempDir static Path tmp;
  static LocalStack stack;
  static FlinkRest rest;
  static KafkaTestClient kafka;
  static TestEndpoint webhooks;
  static String jarId;

  @BeforeAll
  static void startStack() throws Exception {
    assertThat(JAR).as("the shaded jar (mvn package runs before this test)").exists();
    stack = LocalStack.start(tmp.resolve("stack"));
    rest = new FlinkRest(stack.restUrl());
    kafka = new KafkaTestClient(stack.bootstrapServers());
    webhooks = new TestEndpoint((n, ex) -> 200);
    assertSucceeds(
        "topics", "--set", "frictionflow.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    kafka.createTopics(PARTITIONS, "signals-a", "signals-b", "signals-c");
    jarId = rest.upload(JAR);
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (webhooks != null) {
      webhooks.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void savepointRestoresCompatibleAndBreakingEditsAndReplay() throws Exception {
    Path catalogA = copyCatalog("a");
    Path catalogB = copyCatalog("b");
    edit(catalogB.resolve("rage-click.yaml"), "version: 1\n", "version: 2\n");
    edit(
        catalogB.resolve("rage-click.yaml"),
        "ignore_selectors: {type: list, default: []",
        "ignore_selectors: {type: list, default: [\"#carousel-next\"]");
    Files.copy(resource("ops/help-click.yaml"), catalogB.resolve("help-click.yaml"));
    Path catalogC = copyOf(catalogB, "c");
    edit(catalogC.resolve("rage-click.yaml"), "  - name: clicks\n", "  - name: burst\n");

    // The validator: (b) is compatible; (c) renames a stage, which fails until state_version is
    // bumped.
    assertSucceeds("validate", catalogB.toString(), "--against", catalogA.toString());
    Cli breaking = cli("validate", catalogC.toString(), "--against", catalogA.toString());
    assertThat(breaking.code()).as(breaking.out()).isNotZero();
    assertThat(breaking.out()).contains("rage-click").contains("bump state_version");
    edit(catalogC.resolve("rage-click.yaml"), "version: 2\n", "version: 2\nstate_version: 2\n");
    assertSucceeds("validate", catalogC.toString(), "--against", catalogA.toString());

    // A bad option fails the submission, naming the key, and leaves the JobManager running.
    List<String> bad = new ArrayList<>(args(catalogA, "signals-a"));
    bad.addAll(List.of("--set", "frictionflow.session.timout=5m"));
    FlinkRest.RunResult badRun = rest.run(jarId, bad, 2, null, false);
    assertThat(badRun.jobId()).isNull();
    assertThat(badRun.body()).contains("frictionflow.session.timout");

    // Run 1: the first half of a rage-click burst (2 of 3 clicks) and an add to cart.
    String run1 = submit(args(catalogA, "signals-a"), 2, null, false);
    send(
        pageView("rage", 0),
        click("rage", "r1", 1_000, "#pay"),
        click("rage", "r2", 1_300, "#pay"));
    send(pageView("cart", 0), event("cart", "a1", "add_to_cart", 2_000));
    awaitCommitted();
    String halfWay = rest.stopWithSavepoint(run1, stack.savepoints(), DEADLINE);

    // The second half, written while no job runs: the third click, a help click, then an event
    // on every partition far enough ahead to move the watermark past the cart's 10 min window.
    send(click("rage", "r3", 1_600, "#pay"), click("help", "h1", 5_000, "#help"));
    for (int p = 0; p < PARTITIONS; p++) {
      kafka.send("events", p, "tick-" + p, pageView("tick-" + p, 15 * 60_000).toString());
    }

    // (a) Same catalog: the half-way matches complete, each once on the exactly-once topic.
    String a = submit(args(catalogA, "signals-a"), 2, halfWay, false);
    List<JsonNode> signalsA =
        readSignals(
            "signals-a",
            a,
            l -> has(l, "rage", "rage-click") && has(l, "cart", "cart-abandonment"));
    assertThat(eventIds(signalsA, "rage-click")).containsExactly(List.of("r1", "r2", "r3"));
    assertThat(eventIds(signalsA, "cart-abandonment")).containsExactly(List.of("a1"));
    assertThat(ids(signalsA)).doesNotHaveDuplicates();
    assertThat(patterns(signalsA)).doesNotContain("help-click");
    String rageId = id(signalsA, "rage-click");
    awaitWebhook(rageId);
    rest.cancel(a, DEADLINE);

    // (b) Compatible edit and a new pattern, restored at parallelism 1 (a rescale): the partial
    // matches survive under the edited rage-click, and the new pattern runs from empty state.
    String b = submit(args(catalogB, "signals-b"), 1, halfWay, false);
    List<JsonNode> signalsB =
        readSignals(
            "signals-b",
            b,
            l ->
                has(l, "rage", "rage-click")
                    && has(l, "cart", "cart-abandonment")
                    && has(l, "help", "help-click"));
    assertThat(eventIds(signalsB, "rage-click")).containsExactly(List.of("r1", "r2", "r3"));
    assertThat(versions(signalsB, "rage-click")).containsOnly(2);
    assertThat(eventIds(signalsB, "cart-abandonment")).containsExactly(List.of("a1"));
    assertThat(eventIds(signalsB, "help-click")).containsExactly(List.of("h1"));
    assertThat(ids(signalsB)).doesNotHaveDuplicates();
    rest.cancel(b, DEADLINE);

    // (c) Breaking edit with the state-version bump: one detector operator holds every pattern, so
    // the savepoint restores without --allowNonRestoredState; the bumped pattern's state has new
    // names, so only rage-click's partial match is gone (its old state is left unread).
    String c = submit(args(catalogC, "signals-c"), 2, halfWay, false);
    List<JsonNode> signalsC =
        readSignals(
            "signals-c",
            c,
            l -> has(l, "cart", "cart-abandonment") && has(l, "help", "help-click"));
    assertThat(eventIds(signalsC, "cart-abandonment")).containsExactly(List.of("a1"));
    assertThat(eventIds(signalsC, "help-click")).containsExactly(List.of("h1"));
    assertThat(eventIds(signalsC, "rage-click"))
        .as("rage-click's partial match was dropped")
        .isEmpty();
    rest.cancel(c, DEADLINE);

    // Replay from the start with catalog (a): the same signals as the live run 1 + (a), on the
    // replay topic, and no webhook.
    int webhooksBefore = webhooks.requests.size();
    Set<String> live = new HashSet<>(ids(patternSignals(signalsA, catalogA)));
    List<String> replayArgs = new ArrayList<>(args(catalogA, "signals"));
    replayArgs.addAll(List.of("--replay-from", "earliest"));
    String replay = submit(replayArgs, 2, null, false);
    List<JsonNode> replayed = readSignals("replay-signals", replay, l -> ids(l).containsAll(live));
    assertThat(new HashSet<>(ids(patternSignals(replayed, catalogA)))).isEqualTo(live);
    rest.cancel(replay, DEADLINE);
    assertThat(webhooks.requests).as("webhooks during the replay").hasSize(webhooksBefore);
  }

  // --- the job

  /** The job's arguments: catalog, this stack's Kafka, a signals topic, one webhook. */
  private static List<String> args(Path catalog, String signalsTopic) {
    return List.of(
        "job",
        "--patterns",
        catalog.toString(),
        "--set",
        "frictionflow.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--set",
        "frictionflow.kafka.topics.signals=" + signalsTopic,
        "--set",
        "frictionflow.webhooks.destinations.ops.url=" + webhooks.url(),
        // Checkpoints often, so the exactly-once topic and the committed offsets move quickly.
        "--set",
        "flink.execution.checkpointing.interval=1s",
        "--set",
        "flink.execution.checkpointing.min-pause=200ms");
  }

  private static String submit(List<String> args, int parallelism, String savepoint, boolean allow)
      throws Exception {
    FlinkRest.RunResult r = rest.run(jarId, args, parallelism, savepoint, allow);
    assertThat(r.jobId())
        .as("run answered %s: %s\n%s", r.status(), r.body(), stack.logs())
        .isNotNull();
    rest.awaitRunning(r.jobId(), DEADLINE);
    return r.jobId();
  }

  /** Waits until the job's source has read and checkpointed every event sent so far. */
  private static void awaitCommitted() throws Exception {
    Poll.untilTrue(
        "offsets of group " + GROUP + " committed to the end",
        DEADLINE,
        () -> kafka.committedToEnd(GROUP, "events"));
  }

  private static void awaitWebhook(String signalId) throws Exception {
    Poll.untilTrue(
        "webhook for " + signalId,
        DEADLINE,
        () -> webhooks.requests.stream().anyMatch(r -> signalId.equals(r.id())));
  }

  // --- events

  private static ObjectNode event(String session, String id, String type, long offsetMillis) {
    ObjectNode e = JSON.createObjectNode();
    e.put("event_id", session + "-" + id);
    e.put("session_id", session);
    e.put("type", type);
    e.put("ts", T0.toEpochMilli() + offsetMillis);
    e.putObject("page").put("url", "https://shop.example.com/cart").put("path", "/cart");
    return e;
  }

  private static ObjectNode pageView(String session, long offsetMillis) {
    return event(session, "pv" + offsetMillis, "page_view", offsetMillis);
  }

  private static ObjectNode click(String session, String id, long offsetMillis, String selector) {
    ObjectNode e = event(session, id, "click", offsetMillis);
    e.putObject("target").put("tag", "button").put("selector", selector);
    e.put("x", 100 + offsetMillis % 7).put("y", 200);
    return e;
  }

  private static void send(ObjectNode... events) throws Exception {
    for (ObjectNode e : events) {
      kafka.send("events", null, e.get("session_id").asText(), e.toString());
    }
  }

  // --- signals

  /**
   * Waits until the topic's committed signals satisfy {@code done}, then until two more checkpoints
   * of the job have completed, and returns everything the topic holds then: later duplicates or
   * extra signals would be in it.
   */
  private static List<JsonNode> readSignals(
      String topic, String jobId, Predicate<List<JsonNode>> done) throws Exception {
    List<String> raw = kafka.readUntil(topic, true, l -> done.test(parse(l)), DEADLINE);
    assertThat(done.test(parse(raw)))
        .as("signals on %s: %s\n%s", topic, raw, stack.logs())
        .isTrue();
    rest.awaitCheckpoints(jobId, 2, DEADLINE);
    return parse(kafka.readAll(topic, true, DEADLINE));
  }

  private static List<JsonNode> parse(Collection<String> lines) {
    return lines.stream().map(ClusterUpgradeITCase::tree).toList();
  }

  private static boolean has(List<JsonNode> signals, String session, String pattern) {
    return signals.stream()
        .anyMatch(
            s ->
                s.get("session_id").asText().equals(session)
                    && s.get("pattern_id").asText().equals(pattern));
  }

  private static List<List<String>> eventIds(List<JsonNode> signals, String pattern) {
    return signals.stream()
        .filter(s -> s.get("pattern_id").asText().equals(pattern))
        .map(
            s -> {
              List<String> ids = new ArrayList<>();
              s.get("event_ids").forEach(n -> ids.add(n.asText().replaceFirst("^[^-]+-", "")));
              return ids;
            })
        .toList();
  }

  private static List<Integer> versions(List<JsonNode> signals, String pattern) {
    return signals.stream()
        .filter(s -> s.get("pattern_id").asText().equals(pattern))
        .map(s -> s.get("pattern_version").asInt())
        .toList();
  }

  private static String id(List<JsonNode> signals, String pattern) {
    return signals.stream()
        .filter(s -> s.get("pattern_id").asText().equals(pattern))
        .findFirst()
        .orElseThrow()
        .get("signal_id")
        .asText();
  }

  private static List<String> ids(List<JsonNode> signals) {
    return signals.stream().map(s -> s.get("signal_id").asText()).toList();
  }

  private static Set<String> patterns(List<JsonNode> signals) {
    Set<String> p = new HashSet<>();
    signals.forEach(s -> p.add(s.get("pattern_id").asText()));
    return p;
  }

  /** The signals of the catalog's patterns (not session ends or intent crossings). */
  private static List<JsonNode> patternSignals(List<JsonNode> signals, Path catalog)
      throws IOException {
    Set<String> ids;
    try (Stream<Path> files = Files.list(catalog)) {
      ids =
          new HashSet<>(
              files.map(f -> f.getFileName().toString().replaceFirst("\\.yaml$", "")).toList());
    }
    return signals.stream().filter(s -> ids.contains(s.get("pattern_id").asText())).toList();
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  // --- catalogs and the CLI

  private static Path copyCatalog(String name) throws IOException {
    return copyOf(Path.of("patterns"), name);
  }

  private static Path copyOf(Path from, String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("catalog-" + name));
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as("%s holds %s", file, from).contains(from);
    Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }

  private static Path resource(String name) {
    return Path.of("src", "test", "resources", name);
  }

  /** What a command printed and its exit code. */
  private record Cli(int code, String out) {}

  /** Runs a command of the launcher in this JVM. */
  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    PrintWriter w = new PrintWriter(out, true);
    return new Cli(FrictionFlow.execute(w, w, args), out.toString());
  }

  private static void assertSucceeds(String... args) {
    Cli r = cli(args);
    assertThat(r.code()).as(String.join(" ", args) + ":\n" + r.out()).isZero();
  }
}
