package io.frictionflow.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.frictionflow.config.ConfigFiles;
import io.frictionflow.config.InvalidConfigException;
import io.frictionflow.config.KafkaOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's settings, read from its YAML file ({@code frictionflow gateway --config FILE}).
 * Every unknown key and bad value fails at start with an error naming the key.
 *
 * @param host address to listen on
 * @param port port to listen on (0: any free port)
 * @param bootstrapServers Kafka bootstrap servers
 * @param kafkaProperties Kafka client properties passed to every client ({@code
 *     kafka.properties.*})
 * @param sendTimeout how long a batch may wait for Kafka's acknowledgement before a 503
 * @param eventsTopic where accepted events go, keyed by session id
 * @param signalsFastTopic the at-least-once signals the SSE endpoint pushes
 * @param contextTopic the compacted session-context topic the Session Summary API reads
 * @param sites the sites allowed to write, by write key
 * @param apiKeys keys of server-side callers of the Session Summary API
 * @param tokenSecret HMAC key of session tokens; the same on every gateway instance
 * @param maxBodyBytes largest accepted request body
 * @param sessionRate events per second a session may send, on average
 * @param sessionBurst events a session may send at once
 * @param maxSessions sessions held in memory by each view (contexts, signal buffers, rates)
 * @param signalReplay how long signals are kept for reconnecting streams
 * @param signalsPerSession signals kept per session for reconnecting streams
 * @param keepAlive interval of SSE keep-alive comments
 * @param workerThreads threads that run blocking handlers (reading bodies, waiting for Kafka)
 * @param staticDirs URL prefix to directory served as files
 */
public record GatewayConfig(
    String host,
    int port,
    String bootstrapServers,
    Map<String, String> kafkaProperties,
    Duration sendTimeout,
    String eventsTopic,
    String signalsFastTopic,
    String contextTopic,
    List<Site> sites,
    Set<String> apiKeys,
    String tokenSecret,
    int maxBodyBytes,
    double sessionRate,
    int sessionBurst,
    int maxSessions,
    Duration signalReplay,
    int signalsPerSession,
    Duration keepAlive,
    int workerThreads,
    Map<String, Path> staticDirs) {

  /** Default listen address. */
  public static final String DEFAULT_LISTEN = "127.0.0.1:8088";

  /**
   * One site that may send events.
   *
   * @param id the site's name (in logs and errors)
   * @param writeKey the key its pages send in {@code X-Write-Key}; public, like any browser key
   * @param origins the page origins allowed to call the gateway for this site
   */
  public record Site(String id, String writeKey, Set<String> origins) {}

  /** Reads and validates {@code file}; relative static directories resolve against {@code cwd}. */
  public static GatewayConfig read(Path file) {
    JsonNode root = ConfigFiles.readTree(file, "gateway config");
    if (root == null || !root.isObject()) {
      throw new InvalidConfigException(file.toString(), "a gateway config is a YAML mapping");
    }
    return parse(root, Path.of(""));
  }

  /** Parses a config tree; relative static directories resolve against {@code base}. */
  static GatewayConfig parse(JsonNode root, Path base) {
    Keys k = new Keys(root);
    String listen = k.text("listen", DEFAULT_LISTEN);
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      throw new InvalidConfigException("listen", "expected host:port, got '" + listen + "'");
    }
    String host = listen.substring(0, colon);
    int port = parseInt("listen", listen.substring(colon + 1), 0, 65535);

    JsonNode kafka = k.object("kafka");
    Keys kk = new Keys(kafka, "kafka.");
    String bootstrap = kk.text("bootstrap-servers", null);
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new InvalidConfigException("kafka.bootstrap-servers", "required");
    }
    Duration sendTimeout = kk.duration("send-timeout", Duration.ofSeconds(5));
    Map<String, String> props = new LinkedHashMap<>();
    JsonNode p = kk.object("properties");
    p.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
    kk.done();

    Keys tk = new Keys(k.object("topics"), "topics.");
    String events = tk.text("events", KafkaOptions.EVENTS_TOPIC.defaultValue());
    String fast = tk.text("signals-fast", KafkaOptions.SIGNALS_FAST_TOPIC.defaultValue());
    String context = tk.text("session-context", KafkaOptions.CONTEXT_TOPIC.defaultValue());
    tk.done();

    List<Site> sites = sites(k.array("sites"));
    Set<String> apiKeys = new LinkedHashSet<>();
    JsonNode keys = k.array("api-keys");
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i).asText("");
      if (key.length() < 16) {
        throw new InvalidConfigException("api-keys[" + i + "]", "at least 16 characters");
      }
      apiKeys.add(key);
    }
    String secret = k.text("token-secret", null);
    if (secret == null || secret.length() < 32) {
      throw new InvalidConfigException(
          "token-secret", "required, at least 32 characters (random; the same on every gateway)");
    }
    int maxBody = k.integer("max-body-bytes", 262_144, 1024, 64 * 1024 * 1024);

    Keys rk = new Keys(k.objectOrScalar("session-rate"), "session-rate.");
    double rate;
    int burst;
    if (rk.node().isObject()) {
      rate = rk.integer("events-per-second", 50, 1, 1_000_000);
      burst = rk.integer("burst", 200, 1, 1_000_000);
      rk.done();
    } else if (rk.node().isMissingNode()) {
      rate = 50;
      burst = 200;
    } else {
      rate = parseInt("session-rate", rk.node().asText(), 1, 1_000_000);
      burst = Math.max(200, (int) rate);
    }
    int maxSessions = k.integer("max-sessions", 100_000, 1, 100_000_000);

    Keys sk = new Keys(k.object("signals"), "signals.");
    Duration replay = sk.duration("replay", Duration.ofMinutes(5));
    int perSession = sk.integer("per-session", 32, 1, 10_000);
    Duration keepAlive = sk.duration("keep-alive", Duration.ofSeconds(15));
    sk.done();

    int workers = k.integer("worker-threads", 64, 1, 4096);

    Map<String, Path> statics = new LinkedHashMap<>();
    k.object("static")
        .fields()
        .forEachRemaining(
            e -> {
              String key = "static." + e.getKey();
              String prefix = e.getKey();
              if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.startsWith("/v1/")) {
                throw new InvalidConfigException(
                    key, "a URL prefix starts and ends with / and is not under /v1/");
              }
              Path dir = base.resolve(e.getValue().asText()).toAbsolutePath().normalize();
              if (!Files.isDirectory(dir)) {
                throw new InvalidConfigException(key, "no such directory: " + dir);
              }
              statics.put(prefix, dir);
            });
    k.done();
    return new GatewayConfig(
        host,
        port,
        bootstrap,
        Map.copyOf(props),
        sendTimeout,
        events,
        fast,
        context,
        List.copyOf(sites),
        Set.copyOf(apiKeys),
        secret,
        maxBody,
        rate,
        burst,
        maxSessions,
        replay,
        perSession,
        keepAlive,
        workers,
        Map.copyOf(statics));
  }

  /** The same settings listening on another address (tests: port 0). */
  public GatewayConfig withListen(String newHost, int newPort) {
    return new GatewayConfig(
        newHost,
        newPort,
        bootstrapServers,
        kafkaProperties,
        sendTimeout,
        eventsTopic,
        signalsFastTopic,
        contextTopic,
        sites,
        apiKeys,
        tokenSecret,
        maxBodyBytes,
        sessionRate,
        sessionBurst,
        maxSessions,
        signalReplay,
        signalsPerSession,
        keepAlive,
        workerThreads,
        staticDirs);
  }

  private static List<Site> sites(JsonNode list) {
    List<Site> out = new ArrayList<>();
    Set<String> writeKeys = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "sites[" + i + "].";
      Keys s = new Keys(list.get(i), at);
      String id = s.text("id", null);
      if (id == null || id.isBlank()) {
        throw new InvalidConfigException(at + "id", "required");
      }
      String key = s.text("write-key", null);
      if (key == null || key.length() < 8) {
        throw new InvalidConfigException(at + "write-key", "required, at least 8 characters");
      }
      if (!writeKeys.add(key)) {
        throw new InvalidConfigException(at + "write-key", "the same as another site's");
      }
      Set<String> origins = new LinkedHashSet<>();
      JsonNode o = s.array("origins");
      for (int j = 0; j < o.size(); j++) {
        String origin = o.get(j).asText("");
        if (!origin.matches("https?://[^/\\s]+")) {
          throw new InvalidConfigException(
              at + "origins[" + j + "]",
              "an origin is scheme://host[:port] without a path, got '" + origin + "'");
        }
        origins.add(origin);
      }
      s.done();
      out.add(new Site(id, key, Set.copyOf(origins)));
    }
    if (out.isEmpty()) {
      throw new InvalidConfigException("sites", "at least one site with id, write-key, origins");
    }
    return out;
  }

  private static int parseInt(String key, String text, int min, int max) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v < min || v > max) {
        throw new InvalidConfigException(key, "must be " + min + ".." + max + ", got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key, "not a whole number: '" + text + "'");
    }
  }

  /** The keys of one mapping, each read once; {@link #done} fails on the ones left. */
  private static final class Keys {
    private final JsonNode node;
    private final String prefix;
    private final Set<String> left = new LinkedHashSet<>();

    Keys(JsonNode node) {
      this(node, "");
    }

    Keys(JsonNode node, String prefix) {
      this.node =
          node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
      this.prefix = prefix;
      if (this.node.isObject()) {
        for (Iterator<String> it = this.node.fieldNames(); it.hasNext(); ) {
          left.add(it.next());
        }
      } else if (!this.node.isMissingNode() && !this.node.isNull() && !prefix.isEmpty()) {
        // a scalar where a section was expected: the caller decides (session-rate).
      }
    }

    JsonNode node() {
      return node;
    }

    private JsonNode take(String key) {
      left.remove(key);
      JsonNode v = node.path(key);
      return v.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : v;
    }

    String text(String key, String dflt) {
      JsonNode v = take(key);
      if (v.isMissingNode()) {
        return dflt;
      }
      if (!v.isValueNode()) {
        throw new InvalidConfigException(
            prefix + key, "expected a value, got a " + v.getNodeType());
      }
      return v.asText();
    }

    int integer(String key, int dflt, int min, int max) {
      String t = text(key, null);
      return t == null ? dflt : parseInt(prefix + key, t, min, max);
    }

    Duration duration(String key, Duration dflt) {
      String t = text(key, null);
      if (t == null) {
        return dflt;
      }
      var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|min|m|h)").matcher(t.trim());
      if (!m.matches()) {
        throw new InvalidConfigException(
            prefix + key, "expected a duration like 500ms, 5s, 2min, 1h, got '" + t + "'");
      }
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
          };
      if (d.isZero()) {
        throw new InvalidConfigException(prefix + key, "must be positive");
      }
      return d;
    }

    JsonNode object(String key) {
      JsonNode v = take(key);
      if (v.isMissingNode()) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      if (!v.isObject()) {
        throw new InvalidConfigException(prefix + key, "expected a mapping");
      }
      return v;
    }

    JsonNode objectOrScalar(String key) {
      return take(key);
    }

    JsonNode array(String key) {
      JsonNode v = take(key);
      if (v.isMissingNode()) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      }
      if (!v.isArray()) {
        throw new InvalidConfigException(prefix + key, "expected a list");
      }
      return v;
    }

    void done() {
      if (!node.isMissingNode() && !node.isObject()) {
        throw new InvalidConfigException(prefix.replaceAll("\\.$", ""), "expected a mapping");
      }
      if (!left.isEmpty()) {
        throw new InvalidConfigException(prefix + left.iterator().next(), "unknown key");
      }
    }
  }
}
