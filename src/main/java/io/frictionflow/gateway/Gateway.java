package io.frictionflow.gateway;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process: takes browser events into Kafka, pushes each session's signals back to its
 * page, and answers the Session Summary API. Stateless apart from views it rebuilds from Kafka, so
 * any number of instances with the same config run behind any load balancer.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final EventWriter writer;
  private final ContextView contexts;
  private final SignalHub signals;
  private final Undertow server;

  public Gateway(GatewayConfig config) {
    this.config = config;
    this.writer =
        new EventWriter(
            config.bootstrapServers(),
            config.kafkaProperties(),
            config.eventsTopic(),
            config.sendTimeout());
    this.contexts =
        new ContextView(
            config.bootstrapServers(),
            config.kafkaProperties(),
            config.contextTopic(),
            config.maxSessions());
    this.signals =
        new SignalHub(
            config.bootstrapServers(),
            config.kafkaProperties(),
            config.signalsFastTopic(),
            config.signalReplay(),
            config.signalsPerSession(),
            config.maxSessions());
    PathHandler root = Handlers.path();
    root.addPrefixPath("/v1", new ApiHandler(config, writer, contexts, signals));
    root.addExactPath("/healthz", this::health);
    for (Map.Entry<String, java.nio.file.Path> e : config.staticDirs().entrySet()) {
      root.addPrefixPath(
          e.getKey(),
          new ResourceHandler(new PathResourceManager(e.getValue(), 1024))
              .setWelcomeFiles("index.html")
              .setDirectoryListingEnabled(false));
    }
    this.server =
        Undertow.builder()
            .addHttpListener(config.port(), config.host())
            .setWorkerThreads(config.workerThreads())
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
            .setHandler(root)
            .build();
  }

  /** Starts the views and the server. */
  public Gateway start() {
    contexts.start();
    signals.start();
    server.start();
    LOG.info("gateway: listening on http://{}:{}", config.host(), port());
    return this;
  }

  /** The port listened on (the chosen one when the config says 0). */
  public int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Whether both views have read what their topics held at start. */
  public boolean ready() {
    return contexts.ready() && signals.ready();
  }

  private void health(io.undertow.server.HttpServerExchange x) {
    String body =
        "{\"ready\":"
            + ready()
            + ",\"live_sessions\":"
            + contexts.size()
            + ",\"evicted_sessions\":"
            + contexts.evicted()
            + ",\"streams\":"
            + signals.streams()
            + ",\"duplicate_signals\":"
            + signals.duplicates()
            + "}";
    Responses.json(x, ready() ? 200 : 503, body);
  }

  @Override
  public void close() throws Exception {
    signals.close();
    server.stop();
    contexts.close();
    writer.close();
  }
}
