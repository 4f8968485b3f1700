package io.frictionflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Small builders for test events: {@code click("#buy").at(T0.plusMillis(120))}. */
public final class TestEvents {
  /** A fixed instant the tests count from. */
  public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger IDS = new AtomicInteger();

  private TestEvents() {}

  /** A builder of one canonical JSON event. */
  public static final class Builder {
    private final ObjectNode o = JSON.createObjectNode();

    Builder(String type) {
      o.put("event_id", type + "-" + IDS.incrementAndGet());
      o.put("session_id", "s1");
      o.put("type", type);
      o.put("ts", T0.toEpochMilli());
    }

    public Builder id(String id) {
      o.put("event_id", id);
      return this;
    }

    public Builder session(String session) {
      o.put("session_id", session);
      return this;
    }

    public Builder at(Instant t) {
      o.put("ts", t.toEpochMilli());
      return this;
    }

    public Builder atMillis(long offset) {
      return at(T0.plusMillis(offset));
    }

    public Builder xy(double x, double y) {
      o.put("x", x);
      o.put("y", y);
      return this;
    }

    public Builder put(String field, Object value) {
      o.set(field, JSON.valueToTree(value));
      return this;
    }

    public Builder target(String selector, String tag) {
      ObjectNode t = o.putObject("target");
      t.put("selector", selector);
      t.put("tag", tag);
      return this;
    }

    public ObjectNode tree() {
      return o.deepCopy();
    }

    public String json() {
      return o.toString();
    }

    public Event event() {
      try {
        return new EventDecoder(1 << 16).decode(json(), 0L);
      } catch (DecodeException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static Builder event(String type) {
    return new Builder(type);
  }

  public static Builder click(String selector) {
    return new Builder("click").target(selector, "button");
  }

  /** Writes lines to a new file in {@code dir}. */
  public static Path write(Path dir, String name, Collection<String> lines) {
    try {
      return Files.write(
          dir.resolve(name), List.copyOf(lines), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
