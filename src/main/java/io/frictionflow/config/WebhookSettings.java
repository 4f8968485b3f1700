package io.frictionflow.config;

import io.frictionflow.webhook.Destination;
import io.frictionflow.webhook.RetryPolicy;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Webhook destinations, read from {@code frictionflow.webhooks.*} keys (see docs/webhooks.md).
 * Every destination is {@code frictionflow.webhooks.destinations.<name>.<option>}; headers are
 * {@code ...<name>.headers.<Header-Name>}.
 *
 * @param enabled false turns every delivery off (replays and backfills)
 */
public record WebhookSettings(boolean enabled, List<Destination> destinations)
    implements Serializable {

  /** The destinations signals go to: none when delivery is off. */
  public List<Destination> active() {
    return enabled ? destinations : List.of();
  }

  public static final String PREFIX = "frictionflow.webhooks.";
  static final String DESTINATIONS = PREFIX + "destinations.";

  public static final ConfigOption<Boolean> ENABLED =
      ConfigOptions.key(PREFIX + "enabled")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "Deliver signals to the webhook destinations. Set false for replays and backfills:"
                  + " no request is sent and nothing goes to the undelivered output.");

  static final ConfigOption<String> URL =
      ConfigOptions.key("url")
          .stringType()
          .noDefaultValue()
          .withDescription("http(s) URL; required.");
  static final ConfigOption<String> PATTERNS =
      ConfigOptions.key("patterns")
          .stringType()
          .defaultValue("")
          .withDescription("Pattern ids to send, ;-separated (a YAML list); all when empty.");
  static final ConfigOption<String> MIN_SEVERITY =
      ConfigOptions.key("min-severity")
          .stringType()
          .defaultValue("info")
          .withDescription("Least severity to send: info, low, medium, high, critical.");
  static final ConfigOption<Double> MIN_INTENT =
      ConfigOptions.key("min-intent")
          .doubleType()
          .noDefaultValue()
          .withDescription("Least intent score to send; signals without a score pass.");
  static final ConfigOption<String> SECRET_ENV =
      ConfigOptions.key("secret-env")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Environment variable with the whsec_ signing secret; unsigned when unset.");
  static final ConfigOption<Duration> TIMEOUT =
      ConfigOptions.key("timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withDescription("Connect and response timeout of one attempt.");
  static final ConfigOption<Integer> MAX_ATTEMPTS =
      ConfigOptions.key("max-attempts")
          .intType()
          .defaultValue(8)
          .withDescription("Attempts before giving up, the first included.");
  static final ConfigOption<Duration> INITIAL_BACKOFF =
      ConfigOptions.key("initial-backoff")
          .durationType()
          .defaultValue(Duration.ofMillis(500))
          .withDescription(
              "Backoff cap before the 2nd attempt; doubles each attempt (full jitter).");
  static final ConfigOption<Duration> MAX_BACKOFF =
      ConfigOptions.key("max-backoff")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription("Largest backoff between attempts (Retry-After may ask for more).");
  static final ConfigOption<Duration> MAX_RETRY_DURATION =
      ConfigOptions.key("max-retry-duration")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withDescription("Give up when the next attempt would start later than this.");
  static final ConfigOption<Integer> MAX_IN_FLIGHT =
      ConfigOptions.key("max-in-flight")
          .intType()
          .defaultValue(100)
          .withDescription("Requests in flight per parallel instance (Async I/O capacity).");
  static final ConfigOption<String> FIELDS =
      ConfigOptions.key("fields")
          .stringType()
          .defaultValue("")
          .withDescription("Signal fields to send, ;-separated; the whole signal when empty.");

  /**
   * Options of one destination; the key is {@code frictionflow.webhooks.destinations.NAME.}+key.
   */
  public static final List<ConfigOption<?>> DESTINATION_OPTIONS =
      List.of(
          URL,
          PATTERNS,
          MIN_SEVERITY,
          MIN_INTENT,
          SECRET_ENV,
          TIMEOUT,
          MAX_ATTEMPTS,
          INITIAL_BACKOFF,
          MAX_BACKOFF,
          MAX_RETRY_DURATION,
          MAX_IN_FLIGHT,
          FIELDS);

  /**
   * Header names the JDK's HTTP client refuses to send ({@code jdk.internal.net.http}'s restricted
   * set; a JVM with {@code jdk.httpclient.allowRestrictedHeaders} would take some, so they are
   * refused here whatever a TaskManager's flags): the connection's own framing.
   */
  static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /**
   * Header names the webhook sender sets itself: a second value would make the request ambiguous
   * (two content types) or break verification (two ids, timestamps or signatures).
   */
  static final Set<String> OWN_HEADERS =
      Set.of("content-type", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature");

  /**
   * Refuses a header the HTTP client would throw on when the first request is built (which would
   * fail the task on every signal, a restart loop), naming the destination and the header.
   */
  private static void checkHeader(String destination, String url, String header, String value) {
    String key = DESTINATIONS + destination + ".headers." + header;
    String lower = header.toLowerCase(java.util.Locale.ROOT);
    if (RESTRICTED_HEADERS.contains(lower)) {
      throw refused(
          key,
          destination,
          header,
          "is restricted (the HTTP client sets it; refused: "
              + String.join(", ", new java.util.TreeSet<>(RESTRICTED_HEADERS))
              + ")");
    }
    if (OWN_HEADERS.contains(lower)) {
      throw refused(
          key,
          destination,
          header,
          "is set by the webhook sender itself (docs/webhooks.md#signing-and-verification)");
    }
    try {
      // The JDK's own check of names (RFC 7230 tokens) and values (no CR, LF or other controls).
      java.net.http.HttpRequest.newBuilder(URI.create(url)).header(header, value);
    } catch (IllegalArgumentException e) {
      throw refused(key, destination, header, "is not a valid HTTP header: " + e.getMessage());
    }
  }

  /** The refusal of one header, naming its key, destination and why. */
  private static InvalidConfigException refused(
      String key, String destination, String header, String why) {
    return new InvalidConfigException(
        key, "webhook destination " + destination + ": header " + header + " " + why);
  }

  /** Parses every key under {@link #PREFIX}. */
  static WebhookSettings from(Map<String, String> values) {
    Map<String, Map<String, String>> byName = new LinkedHashMap<>();
    Map<String, Map<String, String>> headersByName = new LinkedHashMap<>();
    Set<String> optionKeys = new LinkedHashSet<>();
    DESTINATION_OPTIONS.forEach(o -> optionKeys.add(o.key()));
    Map<String, String> own = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey();
      if (key.equals(ENABLED.key())) {
        own.put(key, e.getValue());
        continue;
      }
      if (!key.startsWith(DESTINATIONS)) {
        throw new InvalidConfigException(
            key, "unknown option (known: " + ENABLED.key() + ", " + DESTINATIONS + "<name>.*)");
      }
      String rest = key.substring(DESTINATIONS.length());
      int dot = rest.indexOf('.');
      if (dot <= 0) {
        throw new InvalidConfigException(key, "expected " + DESTINATIONS + "<name>.<option>");
      }
      String name = rest.substring(0, dot);
      String option = rest.substring(dot + 1);
      if (option.startsWith("headers.") && option.length() > 8) {
        headersByName
            .computeIfAbsent(name, n -> new LinkedHashMap<>())
            .put(option.substring(8), e.getValue());
      } else if (optionKeys.contains(option)) {
        byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(option, e.getValue());
      } else {
        throw new InvalidConfigException(
            key,
            "unknown destination option '"
                + option
                + "' (known: "
                + String.join(", ", optionKeys)
                + ", headers.<name>)");
      }
    }
    headersByName.keySet().forEach(n -> byName.computeIfAbsent(n, x -> new LinkedHashMap<>()));
    boolean enabled = new OptionReader(Configuration.fromMap(own)).get(ENABLED);
    List<Destination> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> d : byName.entrySet()) {
      out.add(
          destination(d.getKey(), d.getValue(), headersByName.getOrDefault(d.getKey(), Map.of())));
    }
    return new WebhookSettings(enabled, List.copyOf(out));
  }

  private static Destination destination(
      String name, Map<String, String> values, Map<String, String> headers) {
    OptionReader r = new OptionReader(Configuration.fromMap(values), DESTINATIONS + name + ".");
    String url = r.get(URL);
    if (url == null) {
      throw new InvalidConfigException(r.key(URL), "required");
    }
    try {
      URI u = new URI(url);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
        throw new InvalidConfigException(
            r.key(URL), "expected an http or https URL, got '" + url + "'");
      }
    } catch (URISyntaxException e) {
      throw new InvalidConfigException(r.key(URL), "not a URL: " + e.getMessage());
    }
    String severity = r.get(MIN_SEVERITY);
    if (!Destination.SEVERITIES.contains(severity)) {
      throw new InvalidConfigException(
          r.key(MIN_SEVERITY), "expected info, low, medium, high or critical");
    }
    int attempts = r.get(MAX_ATTEMPTS);
    int inFlight = r.get(MAX_IN_FLIGHT);
    if (attempts < 1) {
      throw new InvalidConfigException(r.key(MAX_ATTEMPTS), "must be at least 1");
    }
    if (inFlight < 1) {
      throw new InvalidConfigException(r.key(MAX_IN_FLIGHT), "must be at least 1");
    }
    RetryPolicy retry =
        new RetryPolicy(
            attempts,
            r.positive(INITIAL_BACKOFF),
            r.positive(MAX_BACKOFF),
            r.positive(MAX_RETRY_DURATION));
    headers.forEach((header, value) -> checkHeader(name, url, header, value));
    return new Destination(
        name,
        url,
        Set.copyOf(OptionReader.list(r.get(PATTERNS))),
        severity,
        r.get(MIN_INTENT),
        Map.copyOf(headers),
        r.get(SECRET_ENV),
        r.positive(TIMEOUT),
        retry,
        inFlight,
        OptionReader.list(r.get(FIELDS)));
  }
}
