package io.frictionflow.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * L2-regularized logistic regression trained by Newton's method (iteratively reweighted least
 * squares, Cholesky solves): exact and fast for the few dozen features an intent model has. Numeric
 * features get log1p (optional) and standardization fitted on the training rows; categorical ones
 * are one-hot over the training categories. Pure.
 */
public final class LogisticTrainer {
  /** Training options. */
  public record Options(double l2, boolean log1p, int maxIterations) {
    public static final Options DEFAULTS = new Options(1.0, true, 50);
  }

  /** A trained model and its metrics on the training and held-out rows. */
  public record Result(IntentModel model, Metrics train, Metrics test) {}

  private LogisticTrainer() {}

  /**
   * Fits a model on {@code rows} (feature name → value) with 0/1 {@code labels}.
   *
   * @param metadata carried into the model file
   */
  public static IntentModel fit(
      List<Map<String, ?>> rows,
      int[] labels,
      List<String> numeric,
      List<String> categorical,
      Options options,
      Map<String, String> metadata) {
    List<FeatureSpec> specs = new ArrayList<>();
    for (String name : numeric) {
      double sum = 0;
      double sq = 0;
      for (Map<String, ?> r : rows) {
        double t = raw(r.get(name), options.log1p());
        sum += t;
        sq += t * t;
      }
      double mean = sum / rows.size();
      double std = Math.sqrt(Math.max(0, sq / rows.size() - mean * mean));
      specs.add(
          new FeatureSpec(name, true, options.log1p(), mean, std > 1e-12 ? std : 1, List.of()));
    }
    for (String name : categorical) {
      TreeSet<String> cats = new TreeSet<>();
      rows.forEach(r -> cats.add(String.valueOf(r.get(name))));
      specs.add(new FeatureSpec(name, false, false, 0, 1, List.copyOf(cats)));
    }
    int d = specs.stream().mapToInt(FeatureSpec::width).sum();
    double[][] x = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = design(specs, rows.get(i), d);
    }
    double[] w = new double[d + 1]; // last entry: bias
    for (int iter = 0; iter < options.maxIterations(); iter++) {
      double[] g = new double[d + 1];
      double[][] h = new double[d + 1][d + 1];
      for (int i = 0; i < x.length; i++) {
        double z = w[d];
        for (int j = 0; j < d; j++) {
          z += w[j] * x[i][j];
        }
        double p = 1 / (1 + Math.exp(-z));
        double err = p - labels[i];
        double s = Math.max(p * (1 - p), 1e-12);
        for (int j = 0; j <= d; j++) {
          double xj = j == d ? 1 : x[i][j];
          g[j] += err * xj;
          if (xj == 0) {
            continue;
          }
          for (int k = 0; k <= j; k++) {
            double xk = k == d ? 1 : x[i][k];
            h[j][k] += s * xj * xk;
          }
        }
      }
      for (int j = 0; j < d; j++) {
        g[j] += options.l2() * w[j];
        h[j][j] += options.l2();
      }
      h[d][d] += 1e-9;
      for (int j = 0; j <= d; j++) {
        for (int k = j + 1; k <= d; k++) {
          h[j][k] = h[k][j];
        }
      }
      double[] step = Cholesky.solve(h, g);
      double max = 0;
      for (int j = 0; j <= d; j++) {
        w[j] -= step[j];
        max = Math.max(max, Math.abs(step[j]));
      }
      if (max < 1e-8) {
        break;
      }
    }
    double[] weights = java.util.Arrays.copyOf(w, d);
    IntentModel provisional = new IntentModel(specs, weights, w[d], 0.5, metadata);
    IntentScorer scorer = new IntentScorer(provisional);
    double[] scores = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      scores[i] = scorer.score(rows.get(i));
    }
    double threshold = Metrics.bestF1Threshold(scores, labels);
    return new IntentModel(specs, weights, w[d], threshold, metadata);
  }

  /** Stratified split, fit on the training part, metrics on both parts. */
  public static Result trainAndEvaluate(
      List<Map<String, ?>> rows,
      int[] labels,
      List<String> numeric,
      List<String> categorical,
      Options options,
      double testFraction,
      long seed,
      Map<String, String> metadata) {
    List<Integer> pos = new ArrayList<>();
    List<Integer> neg = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      (labels[i] == 1 ? pos : neg).add(i);
    }
    Random random = new Random(seed);
    java.util.Collections.shuffle(pos, random);
    java.util.Collections.shuffle(neg, random);
    List<Integer> test = new ArrayList<>();
    List<Integer> train = new ArrayList<>();
    for (List<Integer> group : List.of(pos, neg)) {
      int cut = (int) Math.round(group.size() * testFraction);
      test.addAll(group.subList(0, cut));
      train.addAll(group.subList(cut, group.size()));
    }
    List<Map<String, ?>> trainRows = new ArrayList<>();
    int[] trainLabels = new int[train.size()];
    for (int i = 0; i < train.size(); i++) {
      trainRows.add(rows.get(train.get(i)));
      trainLabels[i] = labels[train.get(i)];
    }
    IntentModel model = fit(trainRows, trainLabels, numeric, categorical, options, metadata);
    IntentScorer scorer = new IntentScorer(model);
    double[] trainScores = new double[train.size()];
    for (int i = 0; i < train.size(); i++) {
      trainScores[i] = scorer.score(trainRows.get(i));
    }
    double[] testScores = new double[test.size()];
    int[] testLabels = new int[test.size()];
    for (int i = 0; i < test.size(); i++) {
      testScores[i] = scorer.score(rows.get(test.get(i)));
      testLabels[i] = labels[test.get(i)];
    }
    return new Result(
        model,
        Metrics.of(trainScores, trainLabels, model.threshold()),
        Metrics.of(testScores, testLabels, model.threshold()));
  }

  private static double raw(Object v, boolean log1p) {
    double x = IntentScorer.number(v);
    return log1p ? Math.log1p(Math.max(0, x)) : x;
  }

  private static double[] design(List<FeatureSpec> specs, Map<String, ?> row, int d) {
    double[] x = new double[d];
    int i = 0;
    for (FeatureSpec f : specs) {
      Object v = row.get(f.name());
      if (f.numeric()) {
        x[i++] = IntentScorer.transform(f, IntentScorer.number(v));
      } else {
        String s = String.valueOf(v);
        for (String c : f.categories()) {
          x[i++] = c.equals(s) ? 1 : 0;
        }
      }
    }
    return x;
  }
}
