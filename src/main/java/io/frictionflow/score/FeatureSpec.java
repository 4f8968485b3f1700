package io.frictionflow.score;

import java.io.Serializable;
import java.util.List;

/**
 * One input feature of a model and how it is turned into numbers.
 *
 * @param numeric true for a number (log1p optional, then standardized), false for a category
 *     (one-hot over {@code categories}; an unseen category is all zeros)
 * @param log1p apply {@code log(1 + max(0, x))} before standardizing
 * @param mean mean of the (transformed) training values
 * @param std standard deviation of the (transformed) training values, positive
 * @param categories the one-hot categories, in weight order
 */
public record FeatureSpec(
    String name, boolean numeric, boolean log1p, double mean, double std, List<String> categories)
    implements Serializable {

  /** How many weights this feature takes. */
  public int width() {
    return numeric ? 1 : categories.size();
  }
}
