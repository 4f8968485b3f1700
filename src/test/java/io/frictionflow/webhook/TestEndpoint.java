package io.frictionflow.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint on loopback that records requests and answers as a behaviour says. */
public final class TestEndpoint implements AutoCloseable {
  /** One received request. */
  public record Request(
      String id, String timestamp, String signature, String body, long receivedAt) {}

  /** How the endpoint answers request number {@code n} (1-based, per webhook-id). */
  public interface Behaviour {
    int respond(int n, HttpExchange exchange) throws Exception;
  }

  public final List<Request> requests = new CopyOnWriteArrayList<>();

  /** Every request as it arrives, for tests that wait for the next one (or for none). */
  final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();

  final Map<String, AtomicInteger> attemptsById = new ConcurrentHashMap<>();
  final AtomicInteger concurrent = new AtomicInteger();
  final AtomicInteger maxConcurrent = new AtomicInteger();
  private final Behaviour behaviour;
  private volatile HttpServer server;
  private final int port;

  public TestEndpoint(Behaviour behaviour) throws IOException {
    this(behaviour, 0);
  }

  TestEndpoint(Behaviour behaviour, int port) throws IOException {
    this.behaviour = behaviour;
    this.server = start(port);
    this.port = server.getAddress().getPort();
  }

  private HttpServer start(int port) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
    s.setExecutor(Executors.newCachedThreadPool());
    s.createContext("/", this::handle);
    s.start();
    return s;
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/hook";
  }

  /** Stops listening: connections are refused until {@link #restart}. */
  void stop() {
    server.stop(0);
  }

  void restart() throws IOException {
    server = start(port);
  }

  private void handle(HttpExchange ex) throws IOException {
    int now = concurrent.incrementAndGet();
    maxConcurrent.accumulateAndGet(now, Math::max);
    try {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String id = ex.getRequestHeaders().getFirst("webhook-id");
      Request request =
          new Request(
              id,
              ex.getRequestHeaders().getFirst("webhook-timestamp"),
              ex.getRequestHeaders().getFirst("webhook-signature"),
              body,
              System.currentTimeMillis());
      requests.add(request);
      arrivals.add(request);
      int n = attemptsById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      int status = behaviour.respond(n, ex);
      ex.sendResponseHeaders(status, -1);
    } catch (Exception e) {
      ex.sendResponseHeaders(500, -1);
    } finally {
      concurrent.decrementAndGet();
      ex.close();
    }
  }

  /**
   * Waits up to {@code timeout} for the next request not yet taken from {@link #arrivals}.
   *
   * @return the request, or null when none arrived in time
   */
  Request next(Duration timeout) throws InterruptedException {
    return arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
