package io.frictionflow.browser;

import io.frictionflow.Poll;
import io.frictionflow.cli.FrictionFlow;
import io.frictionflow.gateway.Gateway;
import io.frictionflow.gateway.GatewayConfig;
import io.frictionflow.kafka.JobHarness;
import io.frictionflow.kafka.JobHarness.Topics;
import io.frictionflow.kafka.KafkaTestCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * The whole path a page's events take, in this JVM and on loopback: a real Kafka broker, the
 * production job (its {@code job} command, on the given MiniCluster or in an embedded Flink), and
 * the gateway serving the demo shop and the tracker from the checkout.
 */
public final class BrowserStack implements AutoCloseable {
  /** The demo shop's write key and the test's API key of the Session Summary API. */
  public static final String WRITE_KEY = "wk_demo_shop_1";

  public static final String API_KEY = "ak_browser_test_0123456789";

  public final KafkaTestCluster kafka;
  public final Topics topics;
  public final Gateway gateway;
  public final int port;

  private BrowserStack(KafkaTestCluster kafka, Topics topics, Gateway gateway, int port) {
    this.kafka = kafka;
    this.topics = topics;
    this.gateway = gateway;
    this.port = port;
  }

  /**
   * Starts Kafka, the job ({@code flink} null: an embedded Flink in a daemon thread, as {@code
   * bin/frictionflow job} runs it) and the gateway; returns once the gateway's views are loaded.
   */
  public static BrowserStack start(Path dir, MiniCluster flink, String... jobArgs)
      throws Exception {
    KafkaTestCluster kafka = new KafkaTestCluster();
    try {
      Topics t = JobHarness.createTopics(kafka, "browser", 2);
      List<String> extra =
          new ArrayList<>(
              List.of(
                  // Every event publishes the context, so the Session Summary API is current.
                  "--set",
                  "frictionflow.context.publish-interval=0ms",
                  "--set",
                  "flink.restart-strategy.type=fixed-delay",
                  "--set",
                  "flink.restart-strategy.fixed-delay.attempts=1000",
                  "--set",
                  "flink.restart-strategy.fixed-delay.delay=500ms"));
      extra.addAll(List.of(jobArgs));
      String[] args = JobHarness.jobArgs(kafka, t, "2s", dir, extra.toArray(String[]::new));
      if (flink != null) {
        JobHarness.startJob(flink, args);
      } else {
        Thread job =
            new Thread(
                () ->
                    FrictionFlow.execute(
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(System.err, true),
                        args),
                "frictionflow-job");
        job.setDaemon(true);
        job.start();
      }
      int port = freePort();
      Path yaml = dir.resolve("gateway.yaml");
      Files.writeString(yaml, config(kafka.bootstrapServers(), t, port), StandardCharsets.UTF_8);
      Gateway gateway = new Gateway(GatewayConfig.read(yaml));
      gateway.start();
      Poll.untilTrue("the gateway's views to load", Duration.ofSeconds(60), gateway::ready);
      return new BrowserStack(kafka, t, gateway, port);
    } catch (Exception | AssertionError e) {
      kafka.close();
      throw e;
    }
  }

  private static String config(String bootstrap, Topics t, int port) {
    Path root = Path.of("").toAbsolutePath();
    return String.join(
        "\n",
        "listen: 127.0.0.1:" + port,
        "kafka:",
        "  bootstrap-servers: " + bootstrap,
        "  send-timeout: 2s",
        "topics:",
        "  events: " + t.events(),
        "  signals-fast: " + t.fast(),
        "  session-context: " + t.context(),
        "sites:",
        "  - id: demo-shop",
        "    write-key: " + WRITE_KEY,
        "    origins: [\"http://127.0.0.1:" + port + "\"]",
        "api-keys: [\"" + API_KEY + "\"]",
        "token-secret: browser-test-token-secret-0123456789abcdef",
        "session-rate:",
        "  events-per-second: 500",
        "  burst: 1000",
        "static:",
        "  \"/shop/\": \"" + root.resolve("examples/shop") + "\"",
        "  \"/tracker/\": \"" + root.resolve("tracker") + "\"",
        "");
  }

  /** The base URL of the gateway. */
  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /** The demo shop's page, with {@code query} (without the {@code ?}). */
  public String shopUrl(String query) {
    return base() + "/shop/" + (query.isEmpty() ? "" : "?" + query);
  }

  @Override
  public void close() throws Exception {
    try {
      gateway.close();
    } finally {
      kafka.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
