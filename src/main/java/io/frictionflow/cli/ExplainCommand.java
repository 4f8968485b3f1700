package io.frictionflow.cli;

import io.frictionflow.config.JobSettings;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.explain.ExplainInput;
import io.frictionflow.explain.ExplainJson;
import io.frictionflow.explain.ExplainText;
import io.frictionflow.explain.Explainer;
import io.frictionflow.explain.Explanation;
import io.frictionflow.pattern.CepPatternCompiler;
import io.frictionflow.pattern.MalformedPatternException;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternDefinition;
import io.frictionflow.pattern.PatternError;
import io.frictionflow.pattern.PatternParser;
import io.frictionflow.pattern.PatternSpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explain}: what one pattern does with each session of an events file, stage by stage, on
 * the detector's own compiled automaton and fire policy ({@link Explainer}).
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Runs one pattern over an events file on the job's compiled automaton and prints, per"
            + " session, which events entered which stage, the nearest misses with the condition"
            + " that rejected them and what it saw, partial matches the window pruned, and what"
            + " the fire policy did with each match.")
final class ExplainCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "PATTERN",
      description = "A pattern file (PATTERN.yaml), or the id of a pattern of the catalog.")
  String pattern;

  @Option(
      names = "--events",
      required = true,
      paramLabel = "IN.jsonl",
      description = "Events, one per line, decoded as run decodes them; - for standard input.")
  String events;

  @Option(names = "--session", paramLabel = "ID", description = "Explain this session only.")
  String session;

  @Option(names = "--json", description = "JSON for tools (docs/patterns.md, Explain a pattern).")
  boolean json;

  @Mixin JobArgs job;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    JobSettings settings = job.settings();
    PatternSpec resolved = resolve(settings);
    Path input = Inputs.eventsFile(events);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (settings.inputFormat() == InputFormat.RRWEB && RecordingInput.isRecording(input)) {
        RecordingInput r = RecordingInput.convert(input, events, null);
        if (!input.toString().equals(events)) {
          Files.deleteIfExists(input);
        }
        input = r.events();
        settings = settings.withInputFormat(InputFormat.CANONICAL);
      }
      ExplainInput in;
      try {
        in = ExplainInput.read(input, settings.decoder());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      if (!in.failures().isEmpty()) {
        err.println(in.failures().size() + " lines could not be decoded and are left out:");
        in.failures().stream().limit(5).forEach(f -> err.println("  " + f));
      }
      Explanation x =
          new Explainer(settings.sessionTimeout()).explain(resolved, in.events(), session);
      if (session != null && x.sessions().isEmpty()) {
        throw new UsageException(
            "session "
                + session
                + " has no event of the types "
                + resolved.id()
                + " listens to ("
                + String.join(", ", x.on())
                + ")");
      }
      out.print(json ? ExplainJson.render(List.of(x)) : ExplainText.render(x));
      out.flush();
      return 0;
    } finally {
      if (!input.toString().equals(events)) {
        Files.deleteIfExists(input);
      }
    }
  }

  /** The pattern with its profile and parameters bound; a file is checked as validate checks it. */
  private PatternSpec resolve(JobSettings settings) throws Exception {
    Path file = Path.of(pattern);
    PatternDefinition def;
    if (Files.isRegularFile(file)) {
      List<PatternError> errors = new ArrayList<>();
      def =
          PatternParser.parse(
              file.toString(), Files.readString(file, StandardCharsets.UTF_8), errors);
      if (def == null || !errors.isEmpty()) {
        throw new MalformedPatternException(errors);
      }
    } else if (pattern.endsWith(".yaml") || pattern.endsWith(".yml")) {
      throw new UsageException("cannot read pattern file " + pattern);
    } else {
      List<PatternDefinition> catalog = job.definitions(settings);
      def =
          catalog.stream()
              .filter(d -> d.id().equals(pattern))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UsageException(
                          "no pattern file "
                              + pattern
                              + " and no pattern with that id in the catalog (patterns: "
                              + String.join(
                                  ", ", catalog.stream().map(PatternDefinition::id).toList())
                              + ")"));
    }
    // Explained even when turned off: enabled says whether the job runs it, not this.
    Map<String, String> params = new LinkedHashMap<>(job.params);
    params.put(def.id() + ".enabled", "true");
    PatternSpec resolved =
        PatternCatalog.resolve(List.of(def), params).stream().findFirst().orElseThrow();
    String complaint = CepPatternCompiler.check(resolved);
    if (complaint != null) {
      throw new MalformedPatternException(
          List.of(new PatternError(def.file(), 0, "stages", "FlinkCEP rejects it: " + complaint)));
    }
    return resolved;
  }
}
