package io.frictionflow.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the signals of {@code signals-fast} out to the open Server-Sent Events streams of their
 * session. Every gateway instance reads the whole topic (from a short replay window before its
 * start), keeps the last signals of each session for that window, and drops a signal whose {@code
 * signal_id} it already holds: the topic is at least once, a stream sees each signal once. A stream
 * that reconnects with {@code Last-Event-ID} gets only the signals held after that one.
 */
public final class SignalHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SignalHub.class);
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private record Held(String json, long heldAt) {}

  /** One session's recent signals (arrival order) and open streams. */
  private static final class Session {
    final LinkedHashMap<String, Held> signals = new LinkedHashMap<>();
    final Set<ServerSentEventConnection> streams = ConcurrentHashMap.newKeySet();
  }

  private final Map<String, Session> sessions;
  private final long replayMillis;
  private final int perSession;
  private final TopicReader reader;
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();

  public SignalHub(
      String bootstrapServers,
      Map<String, String> properties,
      String topic,
      Duration replay,
      int perSession,
      int maxSessions) {
    this.replayMillis = replay.toMillis();
    this.perSession = perSession;
    this.sessions =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Session> e) {
            return size() > maxSessions && e.getValue().streams.isEmpty();
          }
        };
    this.reader = new TopicReader(bootstrapServers, properties, topic, replay, this::onRecord);
  }

  public void start() {
    reader.start();
  }

  /** Whether the reader has reached the end of the replay window. */
  public boolean ready() {
    return reader.caughtUp();
  }

  /** Signals dropped because their signal_id was already held. */
  public long duplicates() {
    return duplicates.get();
  }

  /** Signal events written to streams. */
  public long delivered() {
    return delivered.get();
  }

  /** Open streams. */
  public int streams() {
    synchronized (sessions) {
      return sessions.values().stream().mapToInt(s -> s.streams.size()).sum();
    }
  }

  private void onRecord(String key, String value, long timestamp) {
    if (value == null) {
      return;
    }
    String signalId;
    String sessionId;
    try {
      JsonNode n = MAPPER.readTree(value);
      signalId = n.path("signal_id").asText(null);
      sessionId = n.path("session_id").asText(key);
    } catch (java.io.IOException e) {
      LOG.warn("gateway: a signals-fast record is not JSON, skipped: {}", e.getMessage());
      return;
    }
    if (signalId == null || sessionId == null) {
      LOG.warn("gateway: a signals-fast record without signal_id or session_id, skipped");
      return;
    }
    publish(sessionId, signalId, value.strip(), System.currentTimeMillis());
  }

  /** Holds a signal and sends it to the session's streams, unless its id is already held. */
  void publish(String sessionId, String signalId, String json, long now) {
    synchronized (sessions) {
      Session s = sessions.computeIfAbsent(sessionId, k -> new Session());
      prune(s, now);
      if (s.signals.containsKey(signalId)) {
        duplicates.incrementAndGet();
        return;
      }
      s.signals.put(signalId, new Held(json, now));
      while (s.signals.size() > perSession) {
        s.signals.remove(s.signals.keySet().iterator().next());
      }
      for (ServerSentEventConnection c : s.streams) {
        send(c, signalId, json);
      }
    }
  }

  /**
   * Adds a stream of {@code sessionId} and sends it the signals it has not seen: all held ones
   * without {@code lastEventId}; the ones held after it with one; none when that id is no longer
   * (or not yet) held, so a reconnect never replays what it already showed.
   */
  public void connect(String sessionId, ServerSentEventConnection c, String lastEventId) {
    synchronized (sessions) {
      Session s = sessions.computeIfAbsent(sessionId, k -> new Session());
      prune(s, System.currentTimeMillis());
      List<Map.Entry<String, Held>> backlog = new ArrayList<>();
      boolean after = lastEventId == null || lastEventId.isEmpty();
      for (Map.Entry<String, Held> e : s.signals.entrySet()) {
        if (after) {
          backlog.add(e);
        } else if (e.getKey().equals(lastEventId)) {
          after = true;
        }
      }
      for (Map.Entry<String, Held> e : backlog) {
        send(c, e.getKey(), e.getValue().json());
      }
      s.streams.add(c);
      c.addCloseTask(
          closed -> {
            synchronized (sessions) {
              Session now = sessions.get(sessionId);
              if (now != null) {
                now.streams.remove(closed);
              }
            }
          });
    }
  }

  private void send(ServerSentEventConnection c, String id, String json) {
    if (c.isOpen()) {
      c.send(json, "signal", id, null);
      delivered.incrementAndGet();
    }
  }

  private void prune(Session s, long now) {
    for (Iterator<Held> it = s.signals.values().iterator(); it.hasNext(); ) {
      if (now - it.next().heldAt() > replayMillis) {
        it.remove();
      } else {
        break;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    reader.close();
    synchronized (sessions) {
      for (Session s : sessions.values()) {
        for (ServerSentEventConnection c : s.streams) {
          try {
            c.shutdown();
          } catch (RuntimeException e) {
            // the server is stopping its threads already
          }
        }
      }
    }
  }
}
