package io.frictionflow.config;

import io.frictionflow.session.ContextBuilder;
import io.frictionflow.session.Redactor;
import java.io.Serializable;
import java.time.Duration;

/**
 * Session context, end and privacy settings.
 *
 * @param contexts builds the redacted context of signals and of the session-context topic
 * @param maxLength a session ends at this length
 * @param publishInterval least event time between two context publications of a session
 * @param failedRaw keep raw payloads on the failed output (else the contexts' redaction)
 */
public record SessionSettings(
    ContextBuilder contexts, Duration maxLength, Duration publishInterval, boolean failedRaw)
    implements Serializable {

  static SessionSettings from(OptionReader r) {
    int events = atLeast(r, JobOptions.CONTEXT_LAST_EVENTS, 0);
    int pages = atLeast(r, JobOptions.CONTEXT_PAGES, 0);
    int maxString = atLeast(r, JobOptions.CONTEXT_MAX_STRING, 8);
    Redactor redactor =
        new Redactor(
            r.get(JobOptions.PRIVACY_MASK_PII),
            OptionReader.list(r.get(JobOptions.PRIVACY_SECRET_PARAMS)),
            OptionReader.list(r.get(JobOptions.PRIVACY_KEEP_PROPS)),
            OptionReader.list(r.get(JobOptions.PRIVACY_DROP)),
            OptionReader.list(r.get(JobOptions.PRIVACY_HASH)),
            OptionReader.list(r.get(JobOptions.PRIVACY_ALLOW)),
            r.get(JobOptions.PRIVACY_HASH_SALT));
    return new SessionSettings(
        new ContextBuilder(events, pages, maxString, redactor),
        r.positive(JobOptions.SESSION_MAX_LENGTH),
        r.nonNegative(JobOptions.CONTEXT_PUBLISH_INTERVAL),
        r.get(JobOptions.FAILED_RAW));
  }

  private static int atLeast(
      OptionReader r, org.apache.flink.configuration.ConfigOption<Integer> o, int min) {
    int v = r.get(o);
    if (v < min) {
      throw new InvalidConfigException(o.key(), "must be at least " + min);
    }
    return v;
  }
}
