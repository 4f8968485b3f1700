package io.frictionflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.config.JobSettings;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.job.Detector;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import io.frictionflow.session.SessionFunction;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code demo}: the job on the bundled sample sessions, signals printed as they come. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs the job in an embedded Flink on the bundled sample sessions, prints each signal"
            + " as it is detected, then a summary.")
final class DemoCommand extends LocalRunCommand {
  static final String SAMPLE = "samples/sessions.jsonl";

  /** The cart session in each tracker's format, for {@code demo --format NAME}. */
  static final Map<InputFormat, String> FORMAT_SAMPLES =
      Map.of(
          InputFormat.POSTHOG, "samples/formats/posthog.jsonl",
          InputFormat.SEGMENT, "samples/formats/segment.jsonl",
          InputFormat.SNOWPLOW, "samples/formats/snowplow.tsv",
          InputFormat.RRWEB, "samples/formats/rrweb.jsonl");

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  @Override
  String watchRefusal(JobSettings settings) {
    return settings.inputFormat() == InputFormat.CANONICAL
        ? null
        : "demo --watch replays the canonical sample sessions; --format "
            + settings.inputFormat().label()
            + " shows one recorded session and ends";
  }

  @Override
  int run(JobSettings settings, List<Detector> detectors, LocalJob.Watch watch) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path input;
    String sample = FORMAT_SAMPLES.getOrDefault(settings.inputFormat(), SAMPLE);
    try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(sample)) {
      if (in == null) {
        throw new UsageException("the jar has no bundled sample " + sample);
      }
      input = Inputs.copy(in);
    }
    try {
      out.printf(
          "frictionflow demo: %d patterns over the bundled sample %s%n%n",
          detectors.size(),
          sample.equals(SAMPLE)
              ? "sessions"
              : "cart session in " + settings.inputFormat().label() + " format");
      if (watch == null) {
        LocalJob.Summary s = job.runLocally(input, settings, detectors, r -> show(out, r));
        out.print(
            Summaries.table(
                s, job.catalog(), Summaries.pastFirstStage(input, settings, detectors)));
        out.flush();
      } else {
        out.printf(
            "replayed round after round (session ids -r1, -r2, ...) until Ctrl-C; watching %s:"
                + " each edit of a pattern file applies to the running job%n%n",
            watch.patternsDir());
        out.flush();
        watching(input, settings, detectors, watch, out);
      }
    } finally {
      Files.deleteIfExists(input);
    }
    return 0;
  }

  /**
   * Runs until {@link #stop} completes, then prints the summary (every round's counts; no sessions
   * past stage 1, which the catalog's edits make meaningless); Ctrl-C completes it and waits for
   * the summary, so the job drains and the summary prints before the process exits.
   */
  private void watching(
      Path input,
      JobSettings settings,
      List<Detector> detectors,
      LocalJob.Watch watch,
      PrintWriter out)
      throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              watch.stop().complete(null);
              try {
                done.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "frictionflow-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      LocalJob.Summary s = job.runLocally(input, settings, detectors, r -> show(out, r), watch);
      out.print(Summaries.table(s, job.catalog(), Map.of()));
      out.flush();
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is what is running.
      }
    }
  }

  /**
   * What the running job did with an edited pattern file, as one line: pattern, version, applied,
   * removed or rejected, and what it means or why (file, line, field and reason).
   */
  static String statusLine(String json) {
    try {
      JsonNode j = JSON.readTree(json);
      String status = j.get("status").asText();
      return String.format(
          "patterns: %s v%d %s%s: %s",
          j.get("pattern_id").asText(),
          j.get("version").asInt(),
          status,
          status.equals("rejected") ? ", the running version keeps running" : "",
          j.get("reason").asText());
    } catch (Exception e) {
      return "patterns: " + json;
    }
  }

  /**
   * Prints a signal, a webhook that gave up, or a watched pattern file's status; every session ends
   * when the sample does, so session ends are counted in the summary, not printed.
   */
  private static void show(PrintWriter out, OutputRecord r) {
    if (r.channel().equals(OutputRecord.PATTERN_STATUS)) {
      out.println(statusLine(r.json()));
      out.flush();
    } else if (r.channel().equals(OutputRecord.SIGNAL)
        && !r.key().equals(SessionFunction.SESSION_END)) {
      out.println(readable(r.json()));
      out.flush();
    } else if (r.channel().equals(OutputRecord.UNDELIVERED)) {
      out.println("  webhook " + r.key() + " gave up: " + r.json());
      out.flush();
    }
  }

  static String readable(String json) {
    try {
      JsonNode j = JSON.readTree(json);
      List<String> ids = new java.util.ArrayList<>();
      j.get("event_ids").forEach(x -> ids.add(x.asText()));
      JsonNode score = j.get("intent_score");
      return String.format(
          "%s  %-18s %-8s session %-14s %d events %s%s",
          TIME.format(Instant.parse(j.get("last_event_time").asText())),
          j.get("pattern_id").asText(),
          j.get("severity").asText(),
          j.get("session_id").asText(),
          ids.size(),
          ids.size() <= 4 ? ids : List.of(ids.get(0), "…", ids.get(ids.size() - 1)),
          score == null || score.isNull() ? "" : String.format("  intent %.2f", score.asDouble()));
    } catch (Exception e) {
      return json;
    }
  }
}
