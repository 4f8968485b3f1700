package io.frictionflow.config;

import io.frictionflow.webhook.Destination;
import io.frictionflow.webhook.RetryPolicy;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

  public static final String PREFIX = "frictionflow.webhooks.";
  static final String DESTINATIONS = PREFIX + "destinations.";

  public static final ConfigOption<Boolean> ENABLED =
      ConfigOptions.key(PREFIX + "enabled")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "Deliver signals to the webhook destinations. Set false for replays and backfills:"
                  + " no request is sent and nothing goes to the undelivered output.");

  /**
   * Options of one destination; the key is {@code frictionflow.webhooks.destinations.NAME.}+key.
   */
  public static final List<ConfigOption<?>> DESTINATION_OPTIONS =
      List.of(
          ConfigOptions.key("url")
              .stringType()
              .noDefaultValue()
              .withDescription("http(s) URL; required."),
          ConfigOptions.key("patterns")
              .stringType()
              .defaultValue("")
              .withDescription("Pattern ids to send, ;-separated (a YAML list); all when empty."),
          ConfigOptions.key("min-severity")
              .stringType()
              .defaultValue("info")
              .withDescription("Least severity to send: info, low, medium, high, critical."),
          ConfigOptions.key("min-intent")
              .doubleType()
              .noDefaultValue()
              .withDescription("Least intent score to send; signals without a score pass."),
          ConfigOptions.key("secret-env")
              .stringType()
              .noDefaultValue()
              .withDescription(
                  "Environment variable with the whsec_ signing secret; unsigned when unset."),
          ConfigOptions.key("timeout")
              .durationType()
              .defaultValue(Duration.ofSeconds(5))
              .withDescription("Connect and response timeout of one attempt."),
          ConfigOptions.key("max-attempts")
              .intType()
              .defaultValue(8)
              .withDescription("Attempts before giving up, the first included."),
          ConfigOptions.key("initial-backoff")
              .durationType()
              .defaultValue(Duration.ofMillis(500))
              .withDescription(
                  "Backoff cap before the 2nd attempt; doubles each attempt (full jitter)."),
          ConfigOptions.key("max-backoff")
              .durationType()
              .defaultValue(Duration.ofSeconds(30))
              .withDescription("Largest backoff between attempts (Retry-After may ask for more)."),
          ConfigOptions.key("max-retry-duration")
              .durationType()
              .defaultValue(Duration.ofMinutes(5))
              .withDescription("Give up when the next attempt would start later than this."),
          ConfigOptions.key("max-in-flight")
              .intType()
              .defaultValue(100)
              .withDescription("Requests in flight per parallel instance (Async I/O capacity)."),
          ConfigOptions.key("fields")
              .stringType()
              .defaultValue("")
              .withDescription("Signal fields to send, ;-separated; the whole signal when empty."));

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

  @SuppressWarnings("unchecked")
  private static Destination destination(
      String name, Map<String, String> values, Map<String, String> headers) {
    String base = DESTINATIONS + name + ".";
    Map<String, String> prefixed = new LinkedHashMap<>();
    values.forEach((k, v) -> prefixed.put(base + k, v));
    OptionReader r = new OptionReader(Configuration.fromMap(prefixed));
    java.util.function.Function<String, ConfigOption<Object>> opt =
        key ->
            (ConfigOption<Object>)
                DESTINATION_OPTIONS.stream()
                    .filter(o -> o.key().equals(key))
                    .findFirst()
                    .map(o -> rekey(o, base))
                    .orElseThrow();
    String url = (String) r.get(opt.apply("url"));
    if (url == null) {
      throw new InvalidConfigException(base + "url", "required");
    }
    try {
      URI u = new URI(url);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
        throw new InvalidConfigException(
            base + "url", "expected an http or https URL, got '" + url + "'");
      }
    } catch (URISyntaxException e) {
      throw new InvalidConfigException(base + "url", "not a URL: " + e.getMessage());
    }
    String severity = (String) r.get(opt.apply("min-severity"));
    if (!List.of("info", "low", "medium", "high", "critical").contains(severity)) {
      throw new InvalidConfigException(
          base + "min-severity", "expected info, low, medium, high or critical");
    }
    int attempts = (Integer) r.get(opt.apply("max-attempts"));
    int inFlight = (Integer) r.get(opt.apply("max-in-flight"));
    if (attempts < 1) {
      throw new InvalidConfigException(base + "max-attempts", "must be at least 1");
    }
    if (inFlight < 1) {
      throw new InvalidConfigException(base + "max-in-flight", "must be at least 1");
    }
    Duration timeout = positive(r, opt.apply("timeout"), base + "timeout");
    RetryPolicy retry =
        new RetryPolicy(
            attempts,
            positive(r, opt.apply("initial-backoff"), base + "initial-backoff"),
            positive(r, opt.apply("max-backoff"), base + "max-backoff"),
            positive(r, opt.apply("max-retry-duration"), base + "max-retry-duration"));
    return new Destination(
        name,
        url,
        Set.copyOf(list((String) r.get(opt.apply("patterns")))),
        severity,
        (Double) r.get(opt.apply("min-intent")),
        Map.copyOf(headers),
        (String) r.get(opt.apply("secret-env")),
        timeout,
        retry,
        inFlight,
        list((String) r.get(opt.apply("fields"))));
  }

  private static Duration positive(OptionReader r, ConfigOption<Object> o, String key) {
    Duration d = (Duration) r.get(o);
    if (d.isZero() || d.isNegative()) {
      throw new InvalidConfigException(key, "must be longer than zero");
    }
    return d;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ConfigOption<Object> rekey(ConfigOption<?> o, String base) {
    Object d = o.hasDefaultValue() ? o.defaultValue() : null;
    var b = ConfigOptions.key(base + o.key());
    ConfigOption typed;
    if (d instanceof Duration dd) {
      typed = b.durationType().defaultValue(dd);
    } else if (d instanceof Integer i) {
      typed = b.intType().defaultValue(i);
    } else if (o.key().equals("min-intent")) {
      typed = b.doubleType().noDefaultValue();
    } else if (d instanceof String s) {
      typed = b.stringType().defaultValue(s);
    } else {
      typed = b.stringType().noDefaultValue();
    }
    return typed;
  }

  private static List<String> list(String joined) {
    if (joined == null || joined.isBlank()) {
      return List.of();
    }
    return Arrays.stream(joined.split("[;,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
