package io.frictionflow.cli;

import io.frictionflow.local.LocalJob;
import java.util.stream.Collectors;

/** Human-readable summaries of a run. */
final class Summaries {
  private Summaries() {}

  static String oneLine(LocalJob.Summary s) {
    long signals = s.signalsByPattern().values().stream().mapToLong(Long::longValue).sum();
    return "events read "
        + s.read()
        + ", failed "
        + s.failed()
        + ", late "
        + s.late()
        + ", duplicates "
        + s.duplicates()
        + ", used "
        + s.used()
        + "; signals "
        + signals
        + (signals == 0
            ? ""
            : " ("
                + s.signalsByPattern().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))
                + ")");
  }

  static String table(LocalJob.Summary s) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%n%-22s %8d%n", "events read", s.read()));
    b.append(String.format("%-22s %8d%n", "failed", s.failed()));
    b.append(String.format("%-22s %8d%n", "late", s.late()));
    b.append(String.format("%-22s %8d%n", "duplicates", s.duplicates()));
    b.append(String.format("%-22s %8d%n", "used", s.used()));
    b.append(String.format("signals by pattern%n"));
    if (s.signalsByPattern().isEmpty()) {
      b.append(String.format("  %-20s %8s%n", "(none)", ""));
    }
    s.signalsByPattern().forEach((k, v) -> b.append(String.format("  %-20s %8d%n", k, v)));
    return b.toString();
  }
}
