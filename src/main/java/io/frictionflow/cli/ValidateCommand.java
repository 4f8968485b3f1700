package io.frictionflow.cli;

import io.frictionflow.local.ExampleRunner;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternDefinition;
import io.frictionflow.pattern.PatternError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate}: checks every pattern file and runs its examples through the real job. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Checks every pattern file in DIR, runs each file's examples through the compiled"
            + " pattern, and prints pass or fail per file. Exit code 1 on any failure.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "Pattern directory (default: patterns/).")
  Path dir;

  @picocli.CommandLine.Option(
      names = "--against",
      paramLabel = "PREVIOUS_DIR",
      description =
          "The catalog running now: classify each change by what it does to savepoint state, and"
              + " fail on a change that needs a state_version bump without one (a stage renamed,"
              + " removed, reordered, inserted before others, made optional or required, or"
              + " repeating a different number of times).")
  Path against;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path d = dir;
    if (d == null) {
      String env = System.getenv(JobArgs.PATTERNS_ENV);
      d = Path.of(env != null ? env : "patterns");
    }
    if (!Files.isDirectory(d)) {
      throw new UsageException("pattern directory " + d + " does not exist");
    }
    PatternCatalog.Loaded loaded = PatternCatalog.load(d);
    Map<String, List<PatternError>> errorsByFile = new LinkedHashMap<>();
    for (PatternError e : loaded.errors()) {
      errorsByFile.computeIfAbsent(e.file(), f -> new java.util.ArrayList<>()).add(e);
    }
    List<ExampleRunner.Result> results = ExampleRunner.run(loaded.definitions());
    int failedFiles = 0;
    for (Map.Entry<String, List<PatternError>> e : errorsByFile.entrySet()) {
      failedFiles++;
      out.println("FAIL " + e.getKey());
      e.getValue().forEach(err -> out.println("     " + err));
    }
    for (PatternDefinition def : loaded.definitions()) {
      List<ExampleRunner.Result> mine =
          results.stream().filter(r -> r.file().equals(def.file())).toList();
      long bad = mine.stream().filter(r -> !r.passed()).count();
      if (bad == 0) {
        out.printf(
            "PASS %s (%s, %d example%s)%n",
            def.file(), def.id(), mine.size(), mine.size() == 1 ? "" : "s");
      } else {
        failedFiles++;
        out.printf(
            "FAIL %s (%s, %d of %d examples failed)%n", def.file(), def.id(), bad, mine.size());
        mine.stream()
            .filter(r -> !r.passed())
            .forEach(
                r ->
                    out.printf(
                        "     %s: examples[%d] '%s': %s%n",
                        r.file(), r.index(), r.name(), r.message()));
      }
    }
    if (against != null) {
      if (!Files.isDirectory(against)) {
        throw new UsageException("pattern directory " + against + " does not exist");
      }
      out.println("changes against " + against + ":");
      for (io.frictionflow.pattern.CatalogDiff.Change c :
          io.frictionflow.pattern.CatalogDiff.compare(
              PatternCatalog.definitions(against), loaded.definitions())) {
        out.printf("%s %-20s %s%n", c.ok() ? "  " : "FAIL", c.patternId(), c.detail());
        if (!c.ok()) {
          failedFiles++;
        }
      }
    }
    int files = errorsByFile.size() + loaded.definitions().size();
    out.printf("%d file%s, %d failed%n", files, files == 1 ? "" : "s", failedFiles);
    out.flush();
    return failedFiles == 0 ? 0 : 1;
  }
}
