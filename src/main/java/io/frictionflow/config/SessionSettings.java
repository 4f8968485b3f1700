package io.frictionflow.config;

import io.frictionflow.session.PrivacyOptions;
import java.io.Serializable;
import java.time.Duration;

/**
 * Session context, end and privacy settings as plain validated values; the job builds its context
 * builder and redactor from them.
 *
 * @param lastEvents the context keeps this many last events
 * @param pages the context keeps this many last pages
 * @param maxString strings in the context are cut at this length
 * @param privacy the redaction of everything that leaves the job
 * @param maxLength a session ends at this length
 * @param publishInterval least event time between two context publications of a session
 * @param failedRaw keep raw payloads on the failed output (else the contexts' redaction)
 */
public record SessionSettings(
    int lastEvents,
    int pages,
    int maxString,
    PrivacyOptions privacy,
    Duration maxLength,
    Duration publishInterval,
    boolean failedRaw)
    implements Serializable {

  static SessionSettings from(OptionReader r) {
    return new SessionSettings(
        atLeast(r, JobOptions.CONTEXT_LAST_EVENTS, 0),
        atLeast(r, JobOptions.CONTEXT_PAGES, 0),
        atLeast(r, JobOptions.CONTEXT_MAX_STRING, 8),
        privacy(r),
        r.positive(JobOptions.SESSION_MAX_LENGTH),
        r.nonNegative(JobOptions.CONTEXT_PUBLISH_INTERVAL),
        r.get(JobOptions.FAILED_RAW));
  }

  private static PrivacyOptions privacy(OptionReader r) {
    return new PrivacyOptions(
        r.get(JobOptions.PRIVACY_MASK_PII),
        OptionReader.list(r.get(JobOptions.PRIVACY_SECRET_PARAMS)),
        OptionReader.list(r.get(JobOptions.PRIVACY_KEEP_PROPS)),
        OptionReader.list(r.get(JobOptions.PRIVACY_DROP)),
        OptionReader.list(r.get(JobOptions.PRIVACY_HASH)),
        OptionReader.list(r.get(JobOptions.PRIVACY_ALLOW)),
        r.get(JobOptions.PRIVACY_HASH_SALT));
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
