package io.frictionflow.cli;

import static io.frictionflow.TestEvents.click;
import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.TestEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's commands, in process, as a user calls them. */
class CliITCase {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FrictionFlow.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void runTurnsAnEventsFileIntoSignalsFailedAndLateFiles() throws Exception {
    Path in =
        TestEvents.write(
            dir,
            "in.jsonl",
            List.of(
                event("page_view").id("p").atMillis(0).json(),
                click("#b").id("c1").atMillis(5000).xy(1, 1).json(),
                click("#b").id("c2").atMillis(5200).xy(1, 1).json(),
                click("#b").id("c3").atMillis(5400).xy(1, 1).json(),
                "{broken",
                click("#b").id("old").session("s2").atMillis(100).json()));
    Path out = dir.resolve("signals.jsonl");
    Path failed = dir.resolve("failed.jsonl");
    Path late = dir.resolve("late.jsonl");
    Result r =
        cli(
            "run",
            "--events",
            in.toString(),
            "--output",
            out.toString(),
            "--failed",
            failed.toString(),
            "--late",
            late.toString(),
            "--patterns",
            "patterns",
            "--param",
            "rage-click.profile=posthog",
            "--param",
            "dead-click.enabled=false",
            "--set",
            "frictionflow.intent.enabled=false");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out).stream().filter(l -> !l.contains("\"session_end\"")))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("\"pattern_id\":\"rage-click\"")
                    .contains("[\"c1\",\"c2\",\"c3\"]"));
    assertThat(Files.readAllLines(failed))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("not_json"));
    assertThat(Files.readAllLines(late))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("\"old\""));
    // Every loaded pattern is in the summary: one that never matched with 0, one turned off
    // marked, so neither looks like a pattern that was not loaded.
    assertThat(r.err())
        .contains(
            "(cart-abandonment 0 (0 sessions past stage 1), dead-click disabled, error-click 0 (0"
                + " sessions past stage 1),")
        .contains(
            " rage-click 1 (1 session past stage 1), thrashed-cursor 0 (0 sessions past stage 1);"
                + " session_end ");
  }

  @Test
  void explainTellsWhichConditionRejectedTheNearMissOnTheCompiledPattern() throws Exception {
    Path in =
        TestEvents.write(
            dir,
            "near-miss.jsonl",
            List.of(
                click("#b").id("c1").atMillis(0).xy(100, 200).json(),
                click("#b").id("c2").atMillis(500).xy(100, 200).json(),
                click("#b").id("c3").atMillis(1500).xy(100, 200).json(),
                click("#b").id("o1").session("other").atMillis(0).xy(1, 1).json(),
                "{broken"));
    Result r = cli("explain", "patterns/rage-click.yaml", "--events", in.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("1 lines could not be decoded").contains("line 5: not valid JSON");
    assertThat(r.out())
        .contains("pattern rage-click v1 (profile default) on click")
        .contains("session s1: 3 events")
        .contains(
            "event c3 at +1.5s: click rejected at stage `clicks` after [c1, c2] (and 1"
                + " other partial match): time_since previous < 1000ms was false (saw 1000ms)")
        .contains("session other: 1 event");

    // By id from the catalog, with a parameter, one session, as JSON.
    Result j =
        cli(
            "explain",
            "rage-click",
            "--events",
            in.toString(),
            "--patterns",
            "patterns",
            "--param",
            "rage-click.max_gap=2s",
            "--session",
            "s1",
            "--json");
    assertThat(j.code()).as(j.err()).isZero();
    com.fasterxml.jackson.databind.JsonNode root =
        com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(j.out());
    com.fasterxml.jackson.databind.JsonNode p = root.get("patterns").get(0);
    assertThat(p.get("params").get("max_gap").asText()).isEqualTo("2s");
    assertThat(p.get("sessions")).hasSize(1);
    com.fasterxml.jackson.databind.JsonNode m = p.get("sessions").get(0).get("matches").get(0);
    assertThat(m.get("event_ids").toString()).isEqualTo("[\"c1\",\"c2\",\"c3\"]");
    assertThat(m.get("fired").asBoolean()).isTrue();

    Result none = cli("explain", "rage-click", "--events", in.toString(), "--session", "nope");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("session nope has no event of the types rage-click listens to");
  }

  @Test
  void badArgumentsExitNonZeroWithOneLineReason() {
    Result missing = cli("run", "--events", dir.resolve("nope.jsonl").toString(), "--output", "-");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("frictionflow: cannot read events file");
    assertThat(missing.err().lines()).hasSize(1);

    Result unknown = cli("run", "--events", "x", "--output", "-", "--evnts", "x");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--evnts");

    Result badParam =
        cli(
            "run",
            "--events",
            "pom.xml",
            "--output",
            "-",
            "--patterns",
            "patterns",
            "--param",
            "rage-click.clicks=many");
    assertThat(badParam.code()).isEqualTo(2);
    assertThat(badParam.err()).contains("--param rage-click.clicks=many");

    Result badConfig =
        cli("run", "--events", "pom.xml", "--output", "-", "--set", "frictionflow.time.idlenes=1s");
    assertThat(badConfig.code()).isEqualTo(2);
    assertThat(badConfig.err()).contains("frictionflow.time.idlenes").contains("unknown option");
  }

  @Test
  void validateAgainstTheRunningCatalogCatchesAStageRenameWithoutABump() throws Exception {
    Path running = Files.createDirectories(dir.resolve("running"));
    Path edited = Files.createDirectories(dir.resolve("edited"));
    String cart = Files.readString(Path.of("patterns/cart-abandonment.yaml"));
    Files.writeString(running.resolve("cart-abandonment.yaml"), cart);
    Files.writeString(
        edited.resolve("cart-abandonment.yaml"),
        cart.replace("name: no_checkout", "name: no_order"));
    Result r = cli("validate", edited.toString(), "--against", running.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL cart-abandonment")
        .contains("[no_checkout] renamed or removed");

    Files.writeString(
        edited.resolve("cart-abandonment.yaml"),
        cart.replace("name: no_checkout", "name: no_order")
            .replace("version: 1\n", "version: 2\nstate_version: 2\n"));
    Result bumped = cli("validate", edited.toString(), "--against", running.toString());
    assertThat(bumped.code()).as(bumped.out()).isZero();
    assertThat(bumped.out()).contains("state version 1 -> 2").contains("cep-cart-abandonment-v2");
  }

  @Test
  void theKafkaJobFailsAtStartNamingTheBadKey() {
    Result noServers = cli("job", "--patterns", "patterns");
    assertThat(noServers.code()).isEqualTo(2);
    assertThat(noServers.err())
        .startsWith("frictionflow: config frictionflow.kafka.bootstrap-servers: required");

    Result badOffsets =
        cli(
            "job",
            "--set",
            "frictionflow.kafka.bootstrap-servers=127.0.0.1:9",
            "--set",
            "frictionflow.kafka.starting-offsets=yesterday");
    assertThat(badOffsets.code()).isEqualTo(2);
    assertThat(badOffsets.err())
        .contains("frictionflow.kafka.starting-offsets")
        .contains("yesterday");

    Result badTimeout = cli("job", "--set", "frictionflow.kafka.transaction-timeout=1h");
    assertThat(badTimeout.code()).isEqualTo(2);
    assertThat(badTimeout.err()).contains("frictionflow.kafka.transaction-timeout");
  }

  @Test
  void helpIsThereForEveryCommand() {
    assertThat(cli("--help").out()).contains("demo").contains("run").contains("validate");
    for (String c : List.of("demo", "run", "validate", "job")) {
      Result r = cli(c, "--help");
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Usage: frictionflow " + c);
    }
  }

  @Test
  void validatePassesTheShippedCatalog() {
    Result r = cli("validate", "patterns");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("PASS patterns/rage-click.yaml").contains("0 failed");
  }

  @Test
  void validateNamesTheFileTheFieldAndTheFailingExample() throws Exception {
    String good = Files.readString(Path.of("patterns/rage-click.yaml"));
    Files.writeString(
        dir.resolve("typo.yaml"),
        good.replace("id: rage-click", "id: typo").replace("fire:", "fyre:"));
    Files.writeString(
        dir.resolve("wrong.yaml"),
        good.replace("id: rage-click", "id: wrong")
            .replace("expect: [[c1, c2, c3]]", "expect: none"));
    Result r = cli("validate", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL " + dir.resolve("typo.yaml"))
        .contains("fyre: unknown key 'fyre' (did you mean 'fire'?)")
        .contains("FAIL " + dir.resolve("wrong.yaml"))
        .contains("'three fast clicks on one spot': expected no signal, got [[c1, c2, c3]]")
        .contains("2 files, 2 failed");
  }
}
