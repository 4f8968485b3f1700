package io.frictionflow.cli;

import io.frictionflow.config.JobSettings;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.job.Detector;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: a bounded JSONL file of events in, JSONL signals out. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Processes a bounded JSONL file of events and writes one JSON signal per line.")
final class RunCommand extends LocalRunCommand {
  @Option(
      names = "--events",
      required = true,
      paramLabel = "IN.jsonl",
      description =
          "Events, one JSON object per line in UTF-8, each decoded exactly as the Kafka source"
              + " decodes a record; - for standard input.")
  String events;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT.jsonl",
      description = "Signals, one JSON object per line; - for standard output.")
  String output;

  @Option(
      names = "--session-id",
      paramLabel = "ID",
      description =
          "With --format rrweb and a recording file: the session its events belong to (default:"
              + " the file name up to its first dot).")
  String sessionId;

  @Option(names = "--failed", paramLabel = "FILE", description = "Rejected records with reasons.")
  Path failed;

  @Option(names = "--late", paramLabel = "FILE", description = "Events behind the watermark.")
  Path late;

  @Option(
      names = "--undelivered",
      paramLabel = "FILE",
      description = "Signals a webhook destination gave up on (default: standard error).")
  Path undelivered;

  /**
   * {@code run} reads a bounded file and ends before an edit could meet an event; a pattern author
   * watches edits in the demo, which replays its sample until stopped.
   */
  @Override
  String watchRefusal(JobSettings settings) {
    return "--watch applies to demo only: run processes a bounded file and ends, so no edit"
        + " could meet its events; use demo --watch --patterns DIR to see edits take effect, or"
        + " run the file again after the edit";
  }

  @Override
  int run(JobSettings given, List<Detector> detectors, LocalJob.Watch watch) throws Exception {
    Path input = Inputs.eventsFile(events);
    JobSettings settings = given;
    List<FailedEvent> unconverted = List.of();
    if (settings.inputFormat() == InputFormat.RRWEB && RecordingInput.isRecording(input)) {
      RecordingInput r = RecordingInput.convert(input, events, sessionId);
      if (!input.toString().equals(events)) {
        Files.deleteIfExists(input);
      }
      input = r.events();
      unconverted = r.failed();
      settings = settings.withInputFormat(InputFormat.CANONICAL);
    } else if (sessionId != null) {
      throw new UsageException("--session-id applies to an rrweb recording (--format rrweb) only");
    }
    try (Writer signals = writer(output);
        Writer failedOut = failed == null ? Writer.nullWriter() : writer(failed.toString());
        Writer lateOut = late == null ? Writer.nullWriter() : writer(late.toString());
        Writer undeliveredOut =
            undelivered == null ? keepingOpen(System.err) : writer(undelivered.toString())) {
      for (FailedEvent f : unconverted) {
        failedOut.write(OutputRecord.of(f).json());
        failedOut.write('\n');
      }
      LocalJob.Summary s =
          job.runLocally(
              input,
              settings,
              detectors,
              r -> {
                Writer w =
                    switch (r.channel()) {
                      case OutputRecord.SIGNAL -> signals;
                      case OutputRecord.FAILED -> failedOut;
                      case OutputRecord.UNDELIVERED -> undeliveredOut;
                      default -> lateOut;
                    };
                try {
                  w.write(r.json());
                  w.write('\n');
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      if (!unconverted.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                unconverted.size() + " recording events could not be converted (see --failed)");
      }
      spec.commandLine()
          .getErr()
          .println(
              Summaries.oneLine(
                  s, job.catalog(), Summaries.pastFirstStage(input, settings, detectors)));
    } finally {
      if (!input.toString().equals(events)) {
        Files.deleteIfExists(input);
      }
    }
    return 0;
  }

  /** A writer on a standard stream whose close only flushes: the stream stays usable. */
  private static Writer keepingOpen(java.io.OutputStream stream) {
    return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  private static Writer writer(String target) throws IOException {
    if (target.equals("-")) {
      return keepingOpen(System.out);
    }
    Path p = Path.of(target);
    if (p.getParent() != null && !Files.isDirectory(p.getParent())) {
      throw new UsageException("cannot write " + target + ": directory does not exist");
    }
    return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
  }
}
