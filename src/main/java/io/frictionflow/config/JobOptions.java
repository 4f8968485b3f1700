package io.frictionflow.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The job's own options, with their keys, defaults and descriptions. Flink's own settings (state
 * backend, checkpoints, restart strategy) live in {@code flink-conf/config.yaml}.
 */
public final class JobOptions {
  public static final ConfigOption<String> INPUT_FORMAT =
      ConfigOptions.key("frictionflow.input.format")
          .stringType()
          .defaultValue("canonical")
          .withDescription(
              "What each event record is written in: canonical (the job's own JSON), posthog"
                  + " (capture events), segment (track, page, identify), snowplow (enriched"
                  + " events, TSV or JSON) or rrweb (one recording event per record in a"
                  + " {session_id, event} wrapper). Applies to the Kafka source and to files;"
                  + " see docs/events.md.");

  public static final ConfigOption<Integer> EVENTS_MAX_BYTES =
      ConfigOptions.key("frictionflow.events.max-bytes")
          .intType()
          .defaultValue(64 * 1024)
          .withDescription("Records larger than this many UTF-8 bytes go to failed events.");

  public static final ConfigOption<Integer> RRWEB_MAX_SNAPSHOT_BYTES =
      ConfigOptions.key("frictionflow.rrweb.max-snapshot-bytes")
          .intType()
          .defaultValue(4 * 1024 * 1024)
          .withDescription(
              "rrweb input only: the largest record that carries the DOM (a FullSnapshot or a"
                  + " Mutation), which is usually larger than frictionflow.events.max-bytes and"
                  + " must reach the session's node tree; it may also nest up to 1000 levels."
                  + " Other rrweb records keep frictionflow.events.max-bytes. At most 64 MiB;"
                  + " the Kafka topic's max.message.bytes must allow it too.");

  public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
      ConfigOptions.key("frictionflow.time.max-out-of-orderness")
          .durationType()
          .defaultValue(Duration.ofSeconds(2))
          .withDescription(
              "How far behind the newest event time an event may arrive and still count. In"
                  + " strict detection (frictionflow.detect.mode) also the floor of detection"
                  + " latency: no match fires before the watermark passes it; in eager detection"
                  + " only for patterns that end in an absence or a timeout.");

  public static final ConfigOption<Duration> WATERMARK_STEP =
      ConfigOptions.key("frictionflow.time.watermark-step")
          .durationType()
          .defaultValue(Duration.ofMillis(10))
          .withDescription(
              "The watermark advances in steps of this much event time, as soon as an event"
                  + " completes a step: one watermark per step instead of one per event, which"
                  + " every operator's timers must process. Adds at most this much to detection"
                  + " latency; 0 emits on every event that advances the watermark.");

  public static final ConfigOption<Duration> IDLENESS =
      ConfigOptions.key("frictionflow.time.idleness")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "A source split without events for this long stops holding back the watermark.");

  public static final ConfigOption<Duration> MAX_FUTURE =
      ConfigOptions.key("frictionflow.time.max-future")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withDescription(
              "How far an event's time may lie ahead of its arrival (the Kafka record timestamp;"
                  + " for files the wall clock at decoding). Further ahead, the record goes to"
                  + " failed events with reason future_time. Within it the event keeps its time,"
                  + " but the watermark never passes the arrival: no client clock moves it.");

  public static final ConfigOption<Boolean> TRUST_RECEIVED_AT =
      ConfigOptions.key("frictionflow.time.trust-received-at")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Take an event's received_at as its arrival time when it is earlier than the"
                  + " record's (a replay). Only when a collector, not the client, sets"
                  + " received_at.");

  public static final ConfigOption<Duration> DEDUPE_HORIZON =
      ConfigOptions.key("frictionflow.dedupe.horizon")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withDescription(
              "How long (event time) an event id is remembered to drop tracker retries.");

  public static final ConfigOption<Duration> SESSION_TIMEOUT =
      ConfigOptions.key("frictionflow.session.timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(30))
          .withDescription(
              "Event time without an event after which a session ends: its session_end signal"
                  + " carries the final context, the session-context topic gets a tombstone and"
                  + " the session's state is cleared. Also how long once_per_session and"
                  + " once_per_incident remember a pattern that has had no match.");

  public static final ConfigOption<String> PATTERNS_DIR =
      ConfigOptions.key("frictionflow.patterns.dir")
          .stringType()
          .noDefaultValue()
          .withDescription("Directory of pattern files; the catalog bundled in the jar if unset.");

  public static final ConfigOption<Boolean> INTENT_ENABLED =
      ConfigOptions.key("frictionflow.intent.enabled")
          .booleanType()
          .defaultValue(true)
          .withDescription("Score purchase intent per session and put the score on every signal.");

  public static final ConfigOption<String> INTENT_MODEL =
      ConfigOptions.key("frictionflow.intent.model")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Intent model file (bin/frictionflow train writes one); the model bundled in the"
                  + " jar if unset.");

  public static final ConfigOption<Double> INTENT_THRESHOLD =
      ConfigOptions.key("frictionflow.intent.threshold")
          .doubleType()
          .noDefaultValue()
          .withDescription(
              "Score at which an intent signal fires; the model's tuned threshold if unset.");

  public static final ConfigOption<Double> INTENT_HYSTERESIS =
      ConfigOptions.key("frictionflow.intent.hysteresis")
          .doubleType()
          .defaultValue(0.1)
          .withDescription(
              "After an intent signal, the score must fall this far below the threshold before"
                  + " the next one can fire.");

  public static final ConfigOption<Duration> SESSION_MAX_LENGTH =
      ConfigOptions.key("frictionflow.session.max-length")
          .durationType()
          .defaultValue(Duration.ofHours(4))
          .withDescription("A session ends at this length even if it is still active.");

  public static final ConfigOption<Integer> CONTEXT_LAST_EVENTS =
      ConfigOptions.key("frictionflow.context.last-events")
          .intType()
          .defaultValue(20)
          .withDescription("Most recent events kept in a session's context.");

  public static final ConfigOption<Integer> CONTEXT_PAGES =
      ConfigOptions.key("frictionflow.context.pages")
          .intType()
          .defaultValue(20)
          .withDescription("Most recent pages kept in a session's context.");

  public static final ConfigOption<Integer> CONTEXT_MAX_STRING =
      ConfigOptions.key("frictionflow.context.max-string")
          .intType()
          .defaultValue(120)
          .withDescription("Longest text kept in a context field; longer text is cut.");

  public static final ConfigOption<Duration> CONTEXT_PUBLISH_INTERVAL =
      ConfigOptions.key("frictionflow.context.publish-interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withDescription(
              "Least event time between two publications of a session's context to the"
                  + " session-context topic.");

  public static final ConfigOption<Boolean> PRIVACY_MASK_PII =
      ConfigOptions.key("frictionflow.privacy.mask-pii")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "Mask e-mail addresses, phone numbers, card-like digit runs and tokens in text, and"
                  + " user info, secret parameters and PII in URLs, on every output (see"
                  + " docs/privacy.md).");

  public static final ConfigOption<String> PRIVACY_DROP =
      ConfigOptions.key("frictionflow.privacy.drop")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Context paths to remove, ;-separated (a YAML list), e.g. last_events.text.");

  public static final ConfigOption<String> PRIVACY_HASH =
      ConfigOptions.key("frictionflow.privacy.hash")
          .stringType()
          .defaultValue("")
          .withDescription("Context paths to replace by a salted SHA-256, ;-separated.");

  public static final ConfigOption<String> PRIVACY_ALLOW =
      ConfigOptions.key("frictionflow.privacy.allow")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Allow-list mode when set: only these context paths are kept, ;-separated.");

  public static final ConfigOption<String> PRIVACY_HASH_SALT =
      ConfigOptions.key("frictionflow.privacy.hash-salt")
          .stringType()
          .defaultValue("")
          .withDescription("Salt of the hashed paths.");

  public static final ConfigOption<Boolean> FAILED_RAW =
      ConfigOptions.key("frictionflow.privacy.failed-raw")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Keep the raw payload of rejected records on the failed output, unmasked, so they"
                  + " can be fixed and replayed; false (the default) sends a redacted copy.");

  /**
   * The redactor's default secret parameters ({@code session.Redactor.DEFAULT_SECRET_PARAMS}),
   * spelled out here so that config imports no domain class; a test holds the two equal.
   */
  private static final String DEFAULT_SECRET_PARAMS =
      "access_token;api_key;apikey;auth;authorization;client_secret;code;credential;email;id_token;jwt;key;otp;pass;passwd;password;phone;pwd;refresh_token;secret;session;sessionid;sid;sig;signature;state;token";

  public static final ConfigOption<String> PRIVACY_SECRET_PARAMS =
      ConfigOptions.key("frictionflow.privacy.secret-params")
          .stringType()
          .defaultValue(DEFAULT_SECRET_PARAMS)
          .withDescription(
              "URL query and fragment parameters whose values are masked, ;-separated; a name"
                  + " also matches with a prefix ending in _, - or . (csrf_token).");

  public static final ConfigOption<String> PRIVACY_KEEP_PROPS =
      ConfigOptions.key("frictionflow.privacy.keep-props")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Free properties (props) kept, masked, on the late and failed outputs,"
                  + " ;-separated; the others are dropped.");

  // -- Detection (issue #17) --

  public static final ConfigOption<String> DETECT_MODE =
      ConfigOptions.key("frictionflow.detect.mode")
          .stringType()
          .defaultValue("eager")
          .withDescription(
              "When the detector (one operator, uid detect, for every pattern) evaluates an"
                  + " event. eager (the default): an event that arrives in time order for its"
                  + " session is evaluated at once, so a pattern that ends in an event fires"
                  + " without waiting for the watermark; an event out of order within its session"
                  + " rolls the session's patterns back and is evaluated in its place (a signal"
                  + " already emitted stays). strict: events wait until the watermark passes them"
                  + " and are evaluated in event-time order, so no match fires before the"
                  + " watermark passes its last event, and each signal carries the context of"
                  + " every event up to its last one (see"
                  + " docs/architecture.md).");

  /**
   * The detector's session cache ({@code detect.SessionStateCache}); the default is {@code
   * DetectOperator.DEFAULT_CACHE_SESSIONS}, spelled out here so that config imports no domain
   * class; a test holds the two equal.
   */
  public static final ConfigOption<Integer> DETECT_CACHE_SESSIONS =
      ConfigOptions.key("frictionflow.detect.cache-sessions")
          .intType()
          .defaultValue(20_000)
          .withDescription(
              "On a state backend other than the heap (RocksDB): the most sessions whose detector"
                  + " state (every pattern's partial matches) is kept on the heap in front of the"
                  + " backend, written back when a session is evicted (least recently used first)"
                  + " and at every checkpoint; 0 turns the cache off. Ignored on the heap backend."
                  + " Changing it between 0 and a positive value across a restore moves the"
                  + " detector's state to the other layout (see docs/architecture.md).");

  /** Every option, for validation of keys and for the generated documentation. */
  public static final List<ConfigOption<?>> ALL =
      List.of(
          INPUT_FORMAT,
          EVENTS_MAX_BYTES,
          RRWEB_MAX_SNAPSHOT_BYTES,
          MAX_OUT_OF_ORDERNESS,
          WATERMARK_STEP,
          IDLENESS,
          MAX_FUTURE,
          TRUST_RECEIVED_AT,
          DEDUPE_HORIZON,
          SESSION_TIMEOUT,
          PATTERNS_DIR,
          INTENT_ENABLED,
          INTENT_MODEL,
          INTENT_THRESHOLD,
          INTENT_HYSTERESIS,
          SESSION_MAX_LENGTH,
          CONTEXT_LAST_EVENTS,
          CONTEXT_PAGES,
          CONTEXT_MAX_STRING,
          CONTEXT_PUBLISH_INTERVAL,
          PRIVACY_MASK_PII,
          PRIVACY_DROP,
          PRIVACY_HASH,
          PRIVACY_ALLOW,
          PRIVACY_HASH_SALT,
          FAILED_RAW,
          PRIVACY_SECRET_PARAMS,
          PRIVACY_KEEP_PROPS,
          DETECT_MODE,
          DETECT_CACHE_SESSIONS);

  private JobOptions() {}
}
