package io.frictionflow.bench;

/**
 * The outside check's traffic: rage-click sessions spread over {@code lanes} sessions open at once,
 * each a page view and then three clicks on one button at one spot, one event of a lane every
 * {@code lanes / rate} seconds (200 ms at the rates {@link OutsideCheck} picks), so the clicks of a
 * session are well inside rage-click's 1 s gap. Event {@code i} of the run belongs to lane {@code i
 * % lanes}; every fourth event of a lane is a third click, the one the signal is timed from. Pure
 * Java.
 *
 * @param run a prefix of every session id, unique per run so that runs never mix
 * @param lanes sessions open at once, at least 1
 */
public record RageClickTraffic(String run, int lanes) {
  /** Events per session: a page view and three clicks. */
  public static final int EVENTS_PER_SESSION = 4;

  public RageClickTraffic {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1, got " + lanes);
    }
  }

  /** Lanes for {@code rate} events per second: one event per lane every 200 ms. */
  public static int lanesFor(double rate) {
    return Math.max(1, (int) Math.ceil(rate * 0.2));
  }

  /** The session id of event {@code i}. */
  public String sessionId(long i) {
    long lane = i % lanes;
    long session = (i / lanes) / EVENTS_PER_SESSION;
    return run + "-" + lane + "-" + session;
  }

  /** Whether event {@code i} is the third click of its session. */
  public boolean isThirdClick(long i) {
    return step(i) == EVENTS_PER_SESSION - 1;
  }

  /** Event {@code i} as a JSON line with {@code ts} set to {@code tsMillis}. */
  public String event(long i, long tsMillis) {
    String session = sessionId(i);
    int step = step(i);
    String head =
        "{\"event_id\":\""
            + session
            + "-"
            + step
            + "\",\"session_id\":\""
            + session
            + "\",\"type\":\""
            + (step == 0 ? "page_view" : "click")
            + "\",\"ts\":"
            + tsMillis
            + ",\"page\":{\"url\":\"https://shop.example.com/cart\",\"path\":\"/cart\","
            + "\"category\":\"cart\"},\"device\":{\"class\":\"desktop\"}";
    if (step == 0) {
      return head + "}";
    }
    return head
        + ",\"target\":{\"selector\":\"#apply-coupon\",\"tag\":\"button\",\"text\":\"Apply\"},"
        + "\"x\":"
        + (510 + step)
        + ",\"y\":380}";
  }

  private int step(long i) {
    return (int) ((i / lanes) % EVENTS_PER_SESSION);
  }
}
