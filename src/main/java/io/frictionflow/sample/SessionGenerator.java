package io.frictionflow.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A deterministic generator of realistic e-commerce sessions in the canonical event JSON: normal
 * browsing (page views, scrolls, pointer summaries, clicks that get a reaction, forms that are
 * submitted, carts that check out) and, in a share of sessions, one friction scenario. The first
 * event of a scenario carries {@code props.scenario}. Pure Java; the same seed gives the same
 * sessions. {@link SessionStream} gives the same events in time order without holding them; each
 * session is a {@link SessionScript}, its events shaped by {@link SessionBuilder}.
 */
public final class SessionGenerator {
  /** The friction scenarios, one per friction session, and the patterns each should fire. */
  public enum Scenario {
    RAGE_CLICK("rage-click", "dead-click"),
    DEAD_CLICK("dead-click"),
    ERROR_CLICK("error-click"),
    THRASHED_CURSOR("thrashed-cursor"),
    QUICK_BACK("quick-back"),
    EXCESSIVE_SCROLL("excessive-scroll"),
    FORM_ABANDONMENT("form-abandonment"),
    FORM_ERROR_LOOP("form-error-loop"),
    CART_ABANDONMENT("cart-abandonment");

    private final List<String> patterns;

    Scenario(String... patterns) {
      this.patterns = List.of(patterns);
    }

    /** The pattern ids this scenario fires with the default profiles. */
    public List<String> patterns() {
      return patterns;
    }

    /** The name used in {@code props.scenario}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One generated session: its id, its scenario (null for a normal one) and its events. */
  public record Session(String id, Scenario scenario, List<ObjectNode> events) {}

  private final SeededRandom random;
  private final long start;

  /**
   * @param seed the random seed
   * @param startMillis epoch ms of the first session's start
   */
  public SessionGenerator(long seed, long startMillis) {
    this.random = new SeededRandom(seed);
    this.start = startMillis;
  }

  /**
   * Generates {@code count} sessions starting spread over {@code spreadMillis}; session {@code i}
   * has the friction scenario {@code scenarios[i % scenarios.length]} when it is among the first
   * {@code frictionShare} of sessions, else none.
   */
  public List<Session> sessions(int count, double frictionShare, long spreadMillis) {
    List<Session> out = new ArrayList<>();
    sessions(count, frictionShare, spreadMillis, out::add);
    return out;
  }

  /**
   * The same sessions as {@link #sessions(int, double, long)}, handed to {@code each} one at a time
   * so that large workloads need not hold every session's events at once.
   */
  public void sessions(int count, double frictionShare, long spreadMillis, Consumer<Session> each) {
    for (int i = 0; i < count; i++) {
      Scenario sc = scenario(i, count, frictionShare);
      long t0 = startOf(random, spreadMillis);
      each.accept(new SessionScript(sessionId(i), sc, t0, random).all());
    }
  }

  /**
   * The state of this generator's draws: session {@code i} of {@link #sessions} begins its draws
   * (its start time first) where they stood after the sessions before it.
   */
  long state() {
    return random.state();
  }

  /** The first event's time of the session whose draws begin here; consumes one draw. */
  long startOf(SeededRandom draws, long spreadMillis) {
    return start + (long) (draws.nextDouble() * spreadMillis);
  }

  /** Session {@code i}'s id. */
  static String sessionId(int i) {
    return String.format("sess-%04d", i);
  }

  /**
   * Session {@code i}'s scenario: the first {@code frictionShare} of sessions cycle through all.
   */
  static Scenario scenario(int i, int count, double frictionShare) {
    Scenario[] scenarios = Scenario.values();
    int friction = (int) Math.round(count * frictionShare);
    return i < friction ? scenarios[i % scenarios.length] : null;
  }

  /** All events of {@code sessions} in event-time order. */
  public static List<ObjectNode> interleave(List<Session> sessions) {
    List<ObjectNode> all = new ArrayList<>();
    sessions.forEach(s -> all.addAll(s.events()));
    all.sort(Comparator.comparingLong(e -> e.get("ts").asLong()));
    return all;
  }
}
