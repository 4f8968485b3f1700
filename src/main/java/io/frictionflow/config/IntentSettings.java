package io.frictionflow.config;

import io.frictionflow.score.IntentModel;
import io.frictionflow.score.InvalidModelException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Intent scoring as configured: the model (loaded and validated at start), the threshold in force
 * and the hysteresis.
 *
 * @param model the model, or null when scoring is off
 */
public record IntentSettings(IntentModel model, double threshold, double hysteresis)
    implements Serializable {

  /** Whether scoring is on. */
  public boolean enabled() {
    return model != null;
  }

  static IntentSettings from(OptionReader r) {
    if (!r.get(JobOptions.INTENT_ENABLED)) {
      return new IntentSettings(null, 1, 0);
    }
    String path = r.get(JobOptions.INTENT_MODEL);
    IntentModel model;
    try {
      model = path == null ? IntentModel.bundled() : IntentModel.load(Path.of(path));
    } catch (InvalidModelException e) {
      throw new InvalidConfigException(JobOptions.INTENT_MODEL.key(), e.getMessage());
    }
    Double threshold = r.get(JobOptions.INTENT_THRESHOLD);
    double t = threshold == null ? model.threshold() : threshold;
    if (!(t > 0 && t < 1)) {
      throw new InvalidConfigException(
          JobOptions.INTENT_THRESHOLD.key(), "must be between 0 and 1");
    }
    double h = r.get(JobOptions.INTENT_HYSTERESIS);
    if (h < 0 || h >= t) {
      throw new InvalidConfigException(
          JobOptions.INTENT_HYSTERESIS.key(), "must be at least 0 and below the threshold " + t);
    }
    return new IntentSettings(model, t, h);
  }
}
