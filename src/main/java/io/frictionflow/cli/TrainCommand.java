package io.frictionflow.cli;

import io.frictionflow.score.EventTraining;
import io.frictionflow.score.FeatureExtractor;
import io.frictionflow.score.LogisticTrainer;
import io.frictionflow.score.Table;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: fits a logistic intent model on a table or on raw events. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Trains an L2-regularized logistic intent model on a CSV table (--csv, --label) or on raw"
            + " events (--events, --label-event), and prints held-out metrics.")
final class TrainCommand implements Callable<Integer> {
  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "Table of session features with a header.")
  Path csv;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description = "Label column of --csv (TRUE/1/yes is positive).")
  String label;

  @Option(names = "--events", paramLabel = "FILE.jsonl", description = "Raw canonical events.")
  Path events;

  @Option(
      names = "--label-event",
      paramLabel = "TYPE",
      defaultValue = "purchase",
      description =
          "With --events: the event type that labels a session (default: ${DEFAULT-VALUE}).")
  String labelEvent;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "model.json",
      description = "Where to write the model.")
  Path out;

  @Option(
      names = "--numeric",
      split = ",",
      paramLabel = "COL",
      description = "Numeric columns (default: detected).")
  List<String> numeric;

  @Option(
      names = "--categorical",
      split = ",",
      paramLabel = "COL",
      description = "Categorical columns (default: detected).")
  List<String> categorical;

  @Option(
      names = "--l2",
      defaultValue = "1.0",
      description = "L2 penalty (default: ${DEFAULT-VALUE}).")
  double l2;

  @Option(names = "--no-log1p", description = "Standardize numeric features without log1p first.")
  boolean noLog1p;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Split seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--test-fraction",
      defaultValue = "0.3",
      description = "Held-out share, stratified (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((csv == null) == (events == null)) {
      throw new UsageException("give either --csv FILE --label COLUMN or --events FILE.jsonl");
    }
    List<Map<String, ?>> rows;
    int[] labels;
    List<String> num;
    List<String> cat;
    Map<String, String> meta = new LinkedHashMap<>();
    if (csv != null) {
      if (label == null) {
        throw new UsageException("--csv needs --label COLUMN");
      }
      if (!Files.isReadable(csv)) {
        throw new UsageException("cannot read " + csv);
      }
      Table t = Table.readCsv(csv);
      if (!t.columns().contains(label)) {
        throw new UsageException(
            "no column '"
                + label
                + "' in "
                + csv
                + " (columns: "
                + String.join(", ", t.columns())
                + ")");
      }
      num = new ArrayList<>();
      cat = new ArrayList<>();
      for (String c : t.columns()) {
        if (c.equals(label)) {
          continue;
        }
        if ((numeric == null && categorical == null)
            ? t.numeric(c)
            : numeric != null && numeric.contains(c)) {
          num.add(c);
        } else if (numeric == null && categorical == null
            || categorical != null && categorical.contains(c)) {
          cat.add(c);
        }
      }
      for (String c : concat(numeric, categorical)) {
        if (!t.columns().contains(c)) {
          throw new UsageException("no column '" + c + "' in " + csv);
        }
      }
      rows = new ArrayList<>(t.rows());
      labels = t.rows().stream().mapToInt(r -> Table.label(r.get(label))).toArray();
      meta.put("trained_on", csv.getFileName().toString());
      meta.put("label", label);
    } else {
      if (!Files.isReadable(events)) {
        throw new UsageException("cannot read " + events);
      }
      EventTraining.Rows r = EventTraining.fromLines(Files.readAllLines(events), labelEvent);
      rows = r.rows();
      labels = r.labels();
      num = numeric != null ? numeric : FeatureExtractor.NUMERIC;
      cat = categorical != null ? categorical : FeatureExtractor.CATEGORICAL;
      meta.put("trained_on", events.getFileName().toString());
      meta.put("label", "session has " + labelEvent + " (features from events before it)");
    }
    long positives = java.util.Arrays.stream(labels).filter(l -> l == 1).count();
    if (positives == 0 || positives == labels.length) {
      throw new UsageException(
          "the label has one class only (" + positives + " of " + labels.length + " positive)");
    }
    LogisticTrainer.Result result =
        LogisticTrainer.trainAndEvaluate(
            rows,
            labels,
            num,
            cat,
            new LogisticTrainer.Options(l2, !noLog1p, 50),
            testFraction,
            seed,
            meta);
    meta.put("test_auc", String.format(java.util.Locale.ROOT, "%.4f", result.test().auc()));
    Files.writeString(out, result.model().toJson());
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "%d rows (%d positive), %d numeric and %d categorical features%n",
        labels.length, positives, num.size(), cat.size());
    w.print(result.test().table("held-out " + Math.round(testFraction * 100) + "%"));
    w.printf("model written to %s%n", out);
    w.flush();
    return 0;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      out.addAll(a);
    }
    if (b != null) {
      out.addAll(b);
    }
    return out;
  }
}
