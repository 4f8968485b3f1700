package io.frictionflow.signal;

import java.util.List;

/**
 * Small builders for test signals, each field named: {@code
 * TestSignals.rageClick("s1").at(1000).events("c1").build()}. Unset fields take the defaults of a
 * plain match: version 1, severity {@code high}, detected at 0, no score, no context.
 */
public final class TestSignals {
  private TestSignals() {}

  /** A {@code match} signal of {@code patternId}, session {@code s1}. */
  public static Builder match(String patternId) {
    return new Builder("match", patternId);
  }

  /** A {@code match} signal of the built-in {@code rage-click} pattern in {@code sessionId}. */
  public static Builder rageClick(String sessionId) {
    return match("rage-click").session(sessionId);
  }

  /** A builder of one {@link Signal}. */
  public static final class Builder {
    private String signalId;
    private final String kind;
    private final String patternId;
    private int patternVersion = 1;
    private String sessionId = "s1";
    private String severity = "high";
    private long detectedAt;
    private long firstEventTime;
    private long lastEventTime;
    private List<String> eventIds = List.of();
    private Double intentScore;
    private String context;
    private long decidedAtMicros;

    private Builder(String kind, String patternId) {
      this.kind = kind;
      this.patternId = patternId;
    }

    /** The signal id; by default {@link SignalIds#of} over the pattern, session and events. */
    public Builder id(String id) {
      this.signalId = id;
      return this;
    }

    public Builder session(String id) {
      this.sessionId = id;
      return this;
    }

    public Builder version(int version) {
      this.patternVersion = version;
      return this;
    }

    public Builder severity(String severity) {
      this.severity = severity;
      return this;
    }

    /** First and last matched event both at {@code eventTime} (epoch ms). */
    public Builder at(long eventTime) {
      return between(eventTime, eventTime);
    }

    /** The first matched event at {@code first}, the last at {@code last} (epoch ms). */
    public Builder between(long first, long last) {
      this.firstEventTime = first;
      this.lastEventTime = last;
      return this;
    }

    public Builder detectedAt(long wallClock) {
      this.detectedAt = wallClock;
      return this;
    }

    /** The matched events, in event-time order. */
    public Builder events(String... ids) {
      this.eventIds = List.of(ids);
      return this;
    }

    public Builder intent(Double score) {
      this.intentScore = score;
      return this;
    }

    /** The session context as a JSON object. */
    public Builder context(String json) {
      this.context = json;
      return this;
    }

    public Builder decidedAtMicros(long micros) {
      this.decidedAtMicros = micros;
      return this;
    }

    public Signal build() {
      String id =
          signalId != null
              ? signalId
              : eventIds.isEmpty()
                  ? "sig-" + patternId + "-" + sessionId
                  : SignalIds.of(patternId, patternVersion, sessionId, eventIds);
      return new Signal(
          id,
          kind,
          patternId,
          patternVersion,
          sessionId,
          severity,
          detectedAt,
          firstEventTime,
          lastEventTime,
          eventIds,
          intentScore,
          context,
          decidedAtMicros);
    }
  }
}
