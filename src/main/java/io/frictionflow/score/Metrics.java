package io.frictionflow.score;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * Classification metrics of scores against 0/1 labels. Pure.
 *
 * @param auc area under the ROC curve (ties counted half)
 * @param logLoss mean negative log likelihood
 */
public record Metrics(
    int n,
    double auc,
    double logLoss,
    double accuracy,
    double precision,
    double recall,
    double f1,
    double threshold) {

  /** Metrics of {@code scores} at {@code threshold} (score ≥ threshold predicts 1). */
  public static Metrics of(double[] scores, int[] labels, double threshold) {
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    double loss = 0;
    for (int i = 0; i < scores.length; i++) {
      double p = Math.min(1 - 1e-15, Math.max(1e-15, scores[i]));
      loss -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
      boolean predicted = scores[i] >= threshold;
      if (predicted && labels[i] == 1) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (labels[i] == 1) {
        fn++;
      } else {
        tn++;
      }
    }
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new Metrics(
        scores.length,
        auc(scores, labels),
        loss / scores.length,
        (double) (tp + tn) / scores.length,
        precision,
        recall,
        f1,
        threshold);
  }

  /** AUC by ranks (Mann-Whitney U), with average ranks for ties. */
  static double auc(double[] scores, int[] labels) {
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble(i -> scores[i]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < idx.length) {
      int j = i;
      while (j + 1 < idx.length && scores[idx[j + 1]] == scores[idx[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[idx[k]] == 1) {
          rankSumPos += rank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = scores.length - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** The threshold that maximizes F1 on {@code scores}. */
  public static double bestF1Threshold(double[] scores, int[] labels) {
    double[] candidates = scores.clone();
    Arrays.sort(candidates);
    double best = 0.5;
    double bestF1 = -1;
    for (int q = 1; q < 200; q++) {
      double t = candidates[(int) ((long) q * (candidates.length - 1) / 200)];
      double f1 = of(scores, labels, t).f1();
      if (f1 > bestF1) {
        bestF1 = f1;
        best = t;
      }
    }
    return best;
  }

  /** A table row per metric. */
  public String table(String title) {
    return String.format(
        Locale.ROOT,
        "%s (n=%d)%n  AUC        %.4f%n  log loss   %.4f%n  accuracy   %.4f%n  precision  %.4f%n  recall     %.4f%n  F1         %.4f%n  threshold  %.4f%n",
        title,
        n,
        auc,
        logLoss,
        accuracy,
        precision,
        recall,
        f1,
        threshold);
  }
}
