package io.frictionflow.job;

import io.frictionflow.config.IntentSettings;
import io.frictionflow.config.InvalidConfigException;
import io.frictionflow.config.JobSettings;
import io.frictionflow.config.SessionSettings;
import io.frictionflow.score.IntentModel;
import io.frictionflow.score.InvalidModelException;
import io.frictionflow.session.ContextBuilder;
import io.frictionflow.session.Redactor;
import java.nio.file.Path;

/**
 * The domain objects the settings describe, built when the job is built: the intent model with the
 * threshold and hysteresis in force, and the context builder (with its redactor) that the session
 * operator, route-failed and redact-late share. Config holds only values; this is where a bad model
 * file fails the start, naming {@code frictionflow.intent.model}.
 *
 * @param model the intent model, or null when scoring is off
 * @param threshold the score at which an intent signal fires (the model's unless configured)
 * @param hysteresis how far the score must fall below the threshold before the next signal
 * @param contexts builds the redacted context of signals and redacts late and failed events
 */
public record SessionParts(
    IntentModel model, double threshold, double hysteresis, ContextBuilder contexts) {

  /**
   * Loads the model and builds the context builder.
   *
   * @throws InvalidConfigException naming the key of a bad model file or of a hysteresis at or
   *     above the model's threshold
   */
  public static SessionParts of(JobSettings settings) {
    IntentSettings intent = settings.intent();
    ContextBuilder contexts = contexts(settings.session());
    if (!intent.enabled()) {
      return new SessionParts(null, 1, 0, contexts);
    }
    IntentModel model;
    try {
      model =
          intent.modelPath() == null
              ? IntentModel.bundled()
              : IntentModel.load(Path.of(intent.modelPath()));
    } catch (InvalidModelException e) {
      throw new InvalidConfigException(IntentSettings.MODEL_KEY, e.getMessage());
    }
    double threshold = intent.threshold() == null ? model.threshold() : intent.threshold();
    intent.requireHysteresisBelow(threshold);
    return new SessionParts(model, threshold, intent.hysteresis(), contexts);
  }

  /** The context builder of {@code session}, with the redactor of its privacy options. */
  public static ContextBuilder contexts(SessionSettings session) {
    Redactor redactor = new Redactor(session.privacy());
    return new ContextBuilder(session.lastEvents(), session.pages(), session.maxString(), redactor);
  }
}
