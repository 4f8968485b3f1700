package io.frictionflow.cli;

import io.frictionflow.score.IntentModel;
import io.frictionflow.score.IntentScorer;
import io.frictionflow.score.InvalidModelException;
import io.frictionflow.score.Metrics;
import io.frictionflow.score.Table;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: a model's metrics on a table, and optionally one score per row. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Prints a model's metrics on a CSV table; --scores writes one score per row, in input order.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--csv", required = true, paramLabel = "FILE")
  Path csv;

  @Option(names = "--label", required = true, paramLabel = "COLUMN")
  String label;

  @Option(names = "--model", required = true, paramLabel = "model.json")
  Path model;

  @Option(names = "--scores", paramLabel = "OUT.csv", description = "One score per input row.")
  Path scores;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(csv)) {
      throw new UsageException("cannot read " + csv);
    }
    IntentModel m;
    try {
      m = IntentModel.load(model);
    } catch (InvalidModelException e) {
      throw new UsageException(e.getMessage());
    }
    Table t = Table.readCsv(csv);
    if (!t.columns().contains(label)) {
      throw new UsageException("no column '" + label + "' in " + csv);
    }
    IntentScorer scorer = new IntentScorer(m);
    double[] s = new double[t.rows().size()];
    int[] labels = new int[s.length];
    List<String> lines = new ArrayList<>();
    lines.add("score");
    for (int i = 0; i < s.length; i++) {
      Map<String, String> row = t.rows().get(i);
      s[i] = scorer.score(row);
      labels[i] = Table.label(row.get(label));
      lines.add(String.format(java.util.Locale.ROOT, "%.6f", s[i]));
    }
    PrintWriter w = spec.commandLine().getOut();
    w.print(Metrics.of(s, labels, m.threshold()).table(csv.getFileName().toString()));
    if (scores != null) {
      Files.write(scores, lines);
      w.printf("scores written to %s%n", scores);
    }
    w.flush();
    return 0;
  }
}
