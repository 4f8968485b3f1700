package io.frictionflow.explain;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** An {@link Explanation} for a person at a terminal. */
public final class ExplainText {
  /** Misses shown per session; {@code --json} lists all. */
  static final int MISSES_SHOWN = 8;

  private ExplainText() {}

  /** The whole explanation, one block per session. */
  public static String render(Explanation x) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "pattern %s v%d (profile %s) on %s: %d stage%s, window %s, fire %s%n",
            x.patternId(),
            x.version(),
            x.profile(),
            String.join(", ", x.on()),
            x.stages().size(),
            x.stages().size() == 1 ? "" : "s",
            x.window() == null ? "none" : duration(java.time.Duration.parse(x.window()).toMillis()),
            x.fire()));
    for (Explanation.StageInfo s : x.stages()) {
      b.append(
          String.format("  stage %s%s: %s%n", s.name(), s.absent() ? " (absent)" : "", s.where()));
    }
    if (x.sessions().isEmpty()) {
      b.append(String.format("%nno session has an event of the types the pattern listens to%n"));
    }
    for (Explanation.SessionExplanation s : x.sessions()) {
      b.append(session(s));
    }
    return b.toString();
  }

  private static String session(Explanation.SessionExplanation s) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%nsession %s: %d event%s from %s%n",
            s.sessionId(), s.events(), s.events() == 1 ? "" : "s", s.start()));
    b.append(String.format("  entered%n"));
    for (Explanation.StageEntries st : s.entered()) {
      b.append(
          String.format(
              "    %-14s %s%n",
              st.stage(),
              st.events().isEmpty()
                  ? "(no event)"
                  : st.events().stream()
                      .map(e -> e.eventId() + " " + offset(e.offsetMs()))
                      .collect(Collectors.joining(", "))));
    }
    if (!s.misses().isEmpty()) {
      b.append(String.format("  nearest misses%n"));
      List<Explanation.Miss> shown = s.misses().stream().limit(MISSES_SHOWN).toList();
      for (Explanation.Miss m : shown) {
        b.append("    ").append(miss(m)).append(String.format("%n"));
      }
      if (s.misses().size() > shown.size()) {
        b.append(
            String.format(
                "    ... and %d more (--json lists all)%n", s.misses().size() - shown.size()));
      }
    }
    if (!s.pruned().isEmpty()) {
      b.append(String.format("  pruned by time%n"));
      for (Explanation.Pruned p : s.pruned()) {
        b.append(
            String.format(
                "    partial match %s (up to stage `%s`) timed out at %s: %s%n",
                p.eventIds(),
                p.reachedStage(),
                offset(p.atOffsetMs()),
                p.cause().equals("window")
                    ? "the window from its first event closed"
                    : "the stage's within passed"));
      }
    }
    if (s.openAtEnd() > 0) {
      b.append(
          String.format(
              "  %d partial match%s still open when the input ended%n",
              s.openAtEnd(), s.openAtEnd() == 1 ? "" : "es"));
    }
    if (s.matches().isEmpty()) {
      b.append(String.format("  no match%n"));
    } else {
      b.append(String.format("  matches%n"));
      for (Explanation.Match m : s.matches()) {
        b.append(
            String.format(
                "    %s%s at %s: %s%n",
                m.kind().equals("match") ? "" : m.kind() + " ",
                m.eventIds(),
                offset(m.emittedAtOffsetMs()),
                m.fired()
                    ? "fired, signal " + m.signalId()
                    : "suppressed by " + m.heldBy().replace('_', '-')));
      }
    }
    return b.toString();
  }

  /** One miss as a sentence. */
  static String miss(Explanation.Miss m) {
    String after = m.partial().isEmpty() ? "" : " after " + m.partial();
    if (m.partialMatches() > 1) {
      int others = m.partialMatches() - 1;
      after += " (and " + others + " other partial match" + (others == 1 ? "" : "es") + ")";
    }
    String at =
        "event "
            + m.event().eventId()
            + " at "
            + offset(m.event().offsetMs())
            + ": "
            + m.event().type();
    return switch (m.kind()) {
      case "forbidden" ->
          at
              + " is what absent stage `"
              + m.stage()
              + "` forbids"
              + after
              + ": "
              + m.condition()
              + " held (saw "
              + m.observed()
              + "); the partial match ends";
      case "stopped" ->
          at
              + " stopped stage `"
              + m.stage()
              + "`"
              + after
              + ": until "
              + m.condition()
              + " held (saw "
              + m.observed()
              + ")";
      default ->
          at
              + " rejected at stage `"
              + m.stage()
              + "`"
              + after
              + ": "
              + m.condition()
              + " was false (saw "
              + m.observed()
              + ")";
    };
  }

  /** {@code +300ms}, {@code +1.2s}, {@code +10m}, {@code +1h30m}. */
  static String offset(long ms) {
    return "+" + duration(ms);
  }

  static String duration(long ms) {
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      String s = String.format(Locale.ROOT, "%.3f", ms / 1000.0).replaceAll("0+$", "");
      return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s) + "s";
    }
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    long rest = ms % 60_000;
    StringBuilder b = new StringBuilder();
    if (h > 0) {
      b.append(h).append('h');
    }
    if (m > 0) {
      b.append(m).append('m');
    }
    if (rest > 0) {
      b.append(duration(rest));
    }
    return b.toString();
  }
}
