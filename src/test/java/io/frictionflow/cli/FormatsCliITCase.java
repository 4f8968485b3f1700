package io.frictionflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --format} and {@code demo --format} as a user calls them. */
class FormatsCliITCase {
  static final Path RECORDINGS = Path.of("src/test/resources/formats/recordings");

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FrictionFlow.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void anUnknownFormatFailsAtStartNamingTheKey() {
    Result r = cli("run", "--events", "pom.xml", "--output", "-", "--format", "amplitude");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("frictionflow.input.format").contains("amplitude");

    Result sessionForCanonical =
        cli("run", "--events", "pom.xml", "--output", "-", "--session-id", "s");
    assertThat(sessionForCanonical.code()).isEqualTo(2);
    assertThat(sessionForCanonical.err()).contains("--session-id applies to an rrweb recording");
  }

  @Test
  void runReadsAnRrwebRecordingWithItsFileNameAsTheSession() throws Exception {
    Path signals = dir.resolve("signals.jsonl");
    Path failed = dir.resolve("failed.jsonl");
    Result r =
        cli(
            "run",
            "--format",
            "rrweb",
            "--events",
            RECORDINGS.resolve("posthog-demo-interactions.jsonl").toString(),
            "--output",
            signals.toString(),
            "--failed",
            failed.toString(),
            "--no-webhooks");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("events read 44, failed 0").contains("rage-click 2");
    assertThat(Files.readString(failed)).isEmpty();
    List<String> lines = Files.readAllLines(signals);
    assertThat(lines).anyMatch(l -> l.contains("\"session_id\":\"posthog-demo-interactions\""));

    Result named =
        cli(
            "run",
            "--format",
            "rrweb",
            "--session-id",
            "demo-1",
            "--events",
            RECORDINGS.resolve("posthog-demo-interactions.jsonl").toString(),
            "--output",
            signals.toString(),
            "--no-webhooks");
    assertThat(named.code()).as(named.err()).isZero();
    assertThat(Files.readAllLines(signals)).allMatch(l -> l.contains("\"session_id\":\"demo-1\""));
  }

  @Test
  void demoPlaysTheCartSessionInTheGivenFormat() {
    Result r = cli("demo", "--format", "snowplow", "--no-webhooks");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("cart session in snowplow format").contains("cart-abandonment");
  }
}
