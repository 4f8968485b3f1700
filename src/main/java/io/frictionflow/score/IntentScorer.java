package io.frictionflow.score;

import java.util.List;
import java.util.Map;

/**
 * Scores named feature values with an {@link IntentModel}: probability = sigmoid(bias + w·x). Pure;
 * allocation-free per call apart from the caller's map lookups.
 */
public final class IntentScorer {
  private final IntentModel model;

  public IntentScorer(IntentModel model) {
    this.model = model;
  }

  /**
   * The probability for {@code values}: numbers (or numeric text) for numeric features, text for
   * categorical ones; a missing numeric value counts as 0, a missing or unseen category as none of
   * the known ones.
   */
  public double score(Map<String, ?> values) {
    double z = model.bias();
    double[] w = model.weights();
    int i = 0;
    List<FeatureSpec> features = model.features();
    for (FeatureSpec f : features) {
      Object v = values.get(f.name());
      if (f.numeric()) {
        z += w[i++] * transform(f, number(v));
      } else {
        String s = v == null ? null : v.toString();
        List<String> cats = f.categories();
        for (int c = 0; c < cats.size(); c++, i++) {
          if (cats.get(c).equals(s)) {
            z += w[i];
          }
        }
      }
    }
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /** log1p (when asked) and standardization of one numeric value. */
  static double transform(FeatureSpec f, double x) {
    double t = f.log1p() ? Math.log1p(Math.max(0, x)) : x;
    return (t - f.mean()) / f.std();
  }

  static double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }
}
