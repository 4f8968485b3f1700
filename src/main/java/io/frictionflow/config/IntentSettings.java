package io.frictionflow.config;

import java.io.Serializable;

/**
 * Intent scoring as configured: plain validated values. The model itself is loaded when the job is
 * built (by the job's {@code SessionParts}), which also checks the hysteresis against the model's
 * threshold when none is set here ({@link #requireHysteresisBelow}).
 *
 * @param enabled whether scoring is on
 * @param modelPath the model file, or null for the model bundled in the jar
 * @param threshold the score at which an intent signal fires, or null for the model's own
 * @param hysteresis how far the score must fall below the threshold before the next signal
 */
public record IntentSettings(boolean enabled, String modelPath, Double threshold, double hysteresis)
    implements Serializable {

  /** The key a bad model file is reported under. */
  public static final String MODEL_KEY = JobOptions.INTENT_MODEL.key();

  /**
   * Refuses a hysteresis at or above {@code threshold}, the threshold in force.
   *
   * @throws InvalidConfigException naming {@code frictionflow.intent.hysteresis}
   */
  public void requireHysteresisBelow(double threshold) {
    if (hysteresis < 0 || hysteresis >= threshold) {
      throw new InvalidConfigException(
          JobOptions.INTENT_HYSTERESIS.key(),
          "must be at least 0 and below the threshold " + threshold);
    }
  }

  static IntentSettings from(OptionReader r) {
    if (!r.get(JobOptions.INTENT_ENABLED)) {
      return new IntentSettings(false, null, null, 0);
    }
    Double threshold = r.get(JobOptions.INTENT_THRESHOLD);
    if (threshold != null && !(threshold > 0 && threshold < 1)) {
      throw new InvalidConfigException(
          JobOptions.INTENT_THRESHOLD.key(), "must be between 0 and 1");
    }
    IntentSettings s =
        new IntentSettings(
            true, r.get(JobOptions.INTENT_MODEL), threshold, r.get(JobOptions.INTENT_HYSTERESIS));
    // Against the model's threshold when none is set: checked once the model is loaded.
    if (threshold != null) {
      s.requireHysteresisBelow(threshold);
    }
    return s;
  }
}
