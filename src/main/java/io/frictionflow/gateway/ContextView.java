package io.frictionflow.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Session Summary API's materialized view: the latest context JSON of each live session, read
 * from the compacted session-context topic from its beginning (key = session id, value = context, a
 * tombstone when the session ends). Every gateway instance holds the whole view, so any instance
 * answers for any session. At most {@code maxSessions} are held: past that the session updated
 * longest ago is dropped, and {@link #evicted} counts it.
 */
public final class ContextView implements AutoCloseable {
  private final Map<String, String> contexts = new ConcurrentHashMap<>();
  private final LinkedHashMap<String, Boolean> order = new LinkedHashMap<>(); // reader thread only
  private final int maxSessions;
  private final TopicReader reader;
  private volatile long evicted;

  public ContextView(
      String bootstrapServers, Map<String, String> properties, String topic, int maxSessions) {
    this.maxSessions = maxSessions;
    this.reader = new TopicReader(bootstrapServers, properties, topic, null, this::apply);
  }

  public void start() {
    reader.start();
  }

  /** Whether the view holds everything the topic held at start; before that a miss means little. */
  public boolean ready() {
    return reader.caughtUp();
  }

  /** The latest context of a live session. */
  public Optional<String> get(String sessionId) {
    return Optional.ofNullable(contexts.get(sessionId));
  }

  /** Live sessions held. */
  public int size() {
    return contexts.size();
  }

  /** Sessions dropped to keep within max-sessions. */
  public long evicted() {
    return evicted;
  }

  private void apply(String key, String value, long timestamp) {
    if (key == null) {
      return;
    }
    if (value == null) {
      contexts.remove(key);
      order.remove(key);
      return;
    }
    order.remove(key);
    order.put(key, Boolean.TRUE);
    contexts.put(key, value);
    while (order.size() > maxSessions) {
      String oldest = order.keySet().iterator().next();
      order.remove(oldest);
      contexts.remove(oldest);
      evicted++;
    }
  }

  @Override
  public void close() throws InterruptedException {
    reader.close();
  }
}
