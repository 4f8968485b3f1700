package io.frictionflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.Poll;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code demo --watch} as a pattern author uses it: the demo keeps replaying its sample while
 * pattern files are edited in a copy of the catalog, and each edit reaches the running job the way
 * a patterns-topic record does.
 */
class DemoWatchITCase {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  /** A printed rage-click signal with its number of events. */
  private static final Pattern RAGE =
      Pattern.compile("rage-click\\s+\\S+\\s+session \\S+\\s+(\\d) events");

  @TempDir Path tmp;

  @Test
  void editsApplyToTheRunningDemoAndABrokenFileIsRejectedWhileTheOldVersionKeepsFiring()
      throws Exception {
    Path patterns = Files.createDirectories(tmp.resolve("patterns"));
    try (Stream<Path> files = Files.list(Path.of("patterns"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, patterns.resolve(f.getFileName()));
      }
    }
    Path rage = patterns.resolve("rage-click.yaml");
    StringWriter out = new StringWriter();
    PrintWriter w = new PrintWriter(out, true);
    DemoCommand demo = new DemoCommand();
    CommandLine cli = new CommandLine(demo);
    cli.setOut(w);
    cli.setErr(w);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> code =
          runner.submit(
              () ->
                  cli.execute(
                      "--watch",
                      "--patterns",
                      patterns.toString(),
                      "--no-webhooks",
                      "--set",
                      "frictionflow.intent.enabled=false"));

      // The bundled rage-click: three clicks a burst.
      awaitRage(out, 0, "3", "a rage-click signal of the bundled version");

      // The threshold lowered to two clicks: another automaton, so a state-version bump.
      edit(rage, "version: 1\n", "version: 2\nstate_version: 2\n");
      edit(rage, "clicks: {type: int, default: 3", "clicks: {type: int, default: 2");
      int applied = awaitLine(out, 0, "patterns: rage-click v2 applied: state version 1 -> 2");
      awaitRage(out, applied, "2", "a rage-click signal of two clicks after the edit");

      // A broken edit: rejected with file, line, field and reason; version 2 keeps firing.
      edit(rage, "clicks: {type: int, default: 2", "clicks: {type: int, default: two");
      int rejected =
          awaitLine(out, applied, "patterns: rage-click v2 rejected, the running version keeps");
      String line = lineAt(out, rejected);
      assertThat(line).containsPattern(Pattern.quote(rage.toString()) + ":\\d+: params\\.clicks");
      awaitRage(out, rejected, "2", "a two-click rage-click signal after the rejection");

      // A new pattern file runs, and deleting it removes the pattern.
      Files.copy(Path.of("src/test/resources/ops/help-click.yaml"), patterns.resolve("help.yaml"));
      int added = awaitLine(out, rejected, "patterns: help-click v1 applied: new pattern");
      Files.delete(patterns.resolve("help.yaml"));
      awaitLine(out, added, "patterns: help-click v1 removed");

      demo.stop.complete(null);
      assertThat(code.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(out.toString()).isZero();
      assertThat(out.toString()).contains("signals by pattern");
    } finally {
      demo.stop.complete(null);
      runner.shutdownNow();
    }
  }

  /** Waits for a line containing {@code text} at or after {@code from}; returns its start. */
  private static int awaitLine(StringWriter out, int from, String text) throws Exception {
    return Poll.until(
        "a line with '" + text + "' in:\n" + tail(out),
        DEADLINE,
        () -> out.toString().indexOf(text, from),
        i -> i >= 0);
  }

  private static void awaitRage(StringWriter out, int from, String events, String what)
      throws Exception {
    Poll.untilTrue(
        what,
        DEADLINE,
        () -> {
          Matcher m = RAGE.matcher(out.toString());
          m.region(from, out.toString().length());
          while (m.find()) {
            if (m.group(1).equals(events)) {
              return true;
            }
          }
          return false;
        });
  }

  private static String lineAt(StringWriter out, int start) {
    String s = out.toString();
    int end = s.indexOf('\n', start);
    return s.substring(start, end < 0 ? s.length() : end);
  }

  private static String tail(StringWriter out) {
    String s = out.toString();
    return s.substring(Math.max(0, s.length() - 3000));
  }

  private static void edit(Path file, String from, String to) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as("%s holds %s", file, from).contains(from);
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }
}
