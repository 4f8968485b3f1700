package io.frictionflow.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The events of {@link SessionGenerator#sessions} in event-time order (ties in generation order, as
 * a stable sort of all of them would give), generated as they are taken: a merge of per-session
 * generators ({@link SessionScript}) in a priority queue ordered by each one's next event time. A
 * session's generator is made when the merge reaches its first event and dropped after its last,
 * and holds only the page it is in, so memory grows with the sessions open at once, not with the
 * events.
 *
 * <p>Sessions draw from one random sequence in generation order, so a first pass generates each
 * once (keeping nothing of its events) to note where its draws begin, when it starts and when it
 * ends: 24 bytes per session, plus 8 while sorting the starts. The merge then regenerates each
 * session on its own from its noted state ({@link SeededRandom}), with the same events.
 */
public final class SessionStream implements Iterator<SessionStream.Generated> {
  /** One generated event: its session, event time (epoch ms) and JSON line. */
  public record Generated(String sessionId, long ts, String json) {}

  private final long spreadMillis;
  private final int count;
  private final double frictionShare;
  private final SessionGenerator starts;
  private final long[] states;
  private final long[] firsts;
  private final long[] lasts;

  /** Session indexes by (first event time, index): the order their generators open in. */
  private final int[] opening;

  private int nextToOpen;
  private final PriorityQueue<Open> open =
      new PriorityQueue<>(
          (a, b) ->
              a.nextTs() != b.nextTs()
                  ? Long.compare(a.nextTs(), b.nextTs())
                  : Integer.compare(a.index, b.index));
  private int maxOpen;
  private long events;

  /**
   * The same sessions as {@code new SessionGenerator(seed, startMillis).sessions(count,
   * frictionShare, spreadMillis)}.
   */
  public SessionStream(
      long seed, long startMillis, int count, double frictionShare, long spreadMillis) {
    this.spreadMillis = spreadMillis;
    this.count = count;
    this.frictionShare = frictionShare;
    this.starts = new SessionGenerator(seed, startMillis);
    this.states = new long[count];
    this.firsts = new long[count];
    this.lasts = new long[count];
    SeededRandom draws = new SeededRandom(seed);
    for (int i = 0; i < count; i++) {
      states[i] = draws.state();
      SessionScript s = script(i, draws);
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      while (s.step()) {
        List<ObjectNode> page = s.events();
        for (ObjectNode e : page) {
          long t = e.get("ts").asLong();
          first = Math.min(first, t);
          last = Math.max(last, t);
        }
        page.clear();
      }
      firsts[i] = first;
      lasts[i] = last;
    }
    this.opening = openingOrder(firsts);
  }

  /** Each session's first event time, by session index. */
  public long[] firstEventTimes() {
    return firsts.clone();
  }

  /** Each session's last event time, by session index. */
  public long[] lastEventTimes() {
    return lasts.clone();
  }

  /** Per-session generators alive now. */
  public int open() {
    return open.size();
  }

  /** The most per-session generators alive at once so far. */
  public int maxOpen() {
    return maxOpen;
  }

  /** Events taken so far. */
  public long taken() {
    return events;
  }

  @Override
  public boolean hasNext() {
    return nextToOpen < count || !open.isEmpty();
  }

  @Override
  public Generated next() {
    while (nextToOpen < count) {
      int i = opening[nextToOpen];
      Open top = open.peek();
      if (top != null
          && (top.nextTs() < firsts[i] || (top.nextTs() == firsts[i] && top.index < i))) {
        break;
      }
      nextToOpen++;
      SeededRandom draws = new SeededRandom(states[i]);
      Open o = new Open(i, script(i, draws));
      if (o.fill()) {
        open.add(o);
        maxOpen = Math.max(maxOpen, open.size());
      }
    }
    Open top = open.poll();
    if (top == null) {
      throw new NoSuchElementException();
    }
    Generated g = top.take();
    if (top.fill()) {
      open.add(top);
    }
    events++;
    return g;
  }

  /** Session {@code i}'s generator, its start time drawn first from {@code draws}. */
  private SessionScript script(int i, SeededRandom draws) {
    long t0 = starts.startOf(draws, spreadMillis);
    return new SessionScript(
        SessionGenerator.sessionId(i),
        SessionGenerator.scenario(i, count, frictionShare),
        t0,
        draws);
  }

  /** Indexes sorted by (time, index), through one packed key each. */
  private static int[] openingOrder(long[] firsts) {
    int n = firsts.length;
    long min = Arrays.stream(firsts).min().orElse(0);
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = Math.addExact(Math.multiplyExact(firsts[i] - min, (long) n), i);
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) (keys[i] % n);
    }
    return order;
  }

  /** An open session: its generator and the lines of the page it is in. */
  private static final class Open {
    final int index;
    final SessionScript script;
    String session;
    long[] ts = new long[0];
    String[] lines = new String[0];
    int pos;

    Open(int index, SessionScript script) {
      this.index = index;
      this.script = script;
    }

    long nextTs() {
      return ts[pos];
    }

    Generated take() {
      Generated g = new Generated(session, ts[pos], lines[pos]);
      lines[pos++] = null;
      return g;
    }

    /** Makes sure an event is ready, generating the next page when needed; false at the end. */
    boolean fill() {
      while (pos == ts.length) {
        if (!script.step()) {
          return false;
        }
        List<ObjectNode> page = script.events();
        ts = new long[page.size()];
        lines = new String[page.size()];
        for (int k = 0; k < page.size(); k++) {
          ObjectNode e = page.get(k);
          ts[k] = e.get("ts").asLong();
          lines[k] = e.toString();
          if (session == null) {
            session = e.get("session_id").asText();
          }
        }
        page.clear();
        pos = 0;
      }
      return true;
    }
  }
}
