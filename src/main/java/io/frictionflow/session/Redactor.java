package io.frictionflow.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.Event;
import io.frictionflow.event.FailedEvent;
import java.io.Serializable;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Privacy controls for everything that leaves the job. Pure.
 *
 * <p>Text: e-mail addresses, phone numbers, card-like digit runs and bearer tokens/JWTs are masked
 * (on by default). URLs: the user-info part, the values of secret parameters ({@code code}, {@code
 * access_token}, ...) in the query string and in the fragment, and any path segment or parameter
 * that holds PII after percent-decoding are masked. Context: configured paths are dropped or
 * hashed; in allow-list mode only the listed paths are kept. Late and failed events: reduced to a
 * redacted copy (see {@link #event} and {@link #failed}).
 *
 * <p>A facade over its parts, each holding its own design notes: {@link TextMasker} (text, and the
 * cost bound every regular expression is held to), {@link UrlRedactor} (URLs), {@link
 * PayloadRedactor} (late and failed events), {@link ContextRules} (context paths) and {@link
 * IdHasher} (ids). Serializable, as it travels inside the Flink functions that redact; the parts
 * share one {@link TextMasker}, so a test probe sees every regular-expression input.
 */
public final class Redactor implements Serializable {
  /** Characters past the cut that matching still sees; longer PII items may be masked partly. */
  public static final int LOOKAHEAD = TextMasker.LOOKAHEAD;

  /**
   * URL parameters whose values are always masked. A name matches an entry when it equals it or
   * ends with {@code _}, {@code -} or {@code .} and the entry ({@code csrf_token}, {@code
   * X-Amz-Signature}), case-insensitively, after percent-decoding.
   */
  public static final List<String> DEFAULT_SECRET_PARAMS = UrlRedactor.DEFAULT_SECRET_PARAMS;

  private final TextMasker masker;
  private final UrlRedactor urls;
  private final IdHasher ids;
  private final PayloadRedactor payloads;
  private final ContextRules contextRules;

  /** A redactor that masks, drops and hashes as {@code options} say. */
  public Redactor(PrivacyOptions options) {
    this.masker = new TextMasker(options.maskPii());
    this.urls = new UrlRedactor(masker, options.secretParams());
    this.ids = new IdHasher(options.hashSalt());
    this.payloads = new PayloadRedactor(masker, urls, ids, options.keepProps());
    this.contextRules = new ContextRules(options.drop(), options.hash(), options.allow(), ids);
  }

  /** The default secret parameters, no kept properties, and the given context rules. */
  public Redactor(
      boolean maskPii, List<String> drop, List<String> hash, List<String> allow, String salt) {
    this(new PrivacyOptions(maskPii, DEFAULT_SECRET_PARAMS, List.of(), drop, hash, allow, salt));
  }

  /** The defaults: masking on, nothing dropped or hashed, no allow-list. */
  public static Redactor defaults() {
    return new Redactor(true, List.of(), List.of(), List.of(), "");
  }

  /** Reports the length of every regular-expression input to {@code probe} (tests). */
  void probeRegexInputs(IntConsumer probe) {
    masker.probeRegexInputs(probe);
  }

  /** The longest input any regular expression sees for text cut at {@code maxString}. */
  public static int regexInputBound(int maxString) {
    return TextMasker.regexInputBound(maxString);
  }

  /**
   * Free text cut at {@code maxString} characters (an ellipsis marks the cut) with PII masked. Only
   * the first {@code maxString + LOOKAHEAD} characters are ever read.
   */
  public String text(String s, int maxString) {
    return masker.text(s, maxString);
  }

  /** A URL cut at {@code maxString} characters, with user info, secrets and PII masked. */
  public String url(String url, int maxString) {
    return urls.url(url, maxString);
  }

  /**
   * The redacted copy of an event for the late output: ids and types kept, user ids hashed, text
   * and URLs masked and cut, free properties kept only when listed in {@code keepProps} (masked),
   * unknown top-level fields dropped.
   */
  public Event event(Event e, int maxString) {
    return payloads.event(e, maxString);
  }

  /**
   * The redacted copy of a rejected record, for the failed output when raw payloads are not kept: a
   * JSON payload keeps its shape with every string masked and cut (user ids hashed, free properties
   * as for {@link #event}); any other payload is masked and cut as text. Reason and time stay;
   * field and detail are masked.
   */
  public FailedEvent failed(FailedEvent f, int maxString) {
    return payloads.failed(f, maxString);
  }

  /** A salted SHA-256 of an identifier (16 hex digits), or null. */
  public String id(String value) {
    return ids.id(value);
  }

  /** Applies drop, hash and allow-list rules to a context object, in place. */
  public ObjectNode apply(ObjectNode context) {
    return contextRules.apply(context);
  }
}
