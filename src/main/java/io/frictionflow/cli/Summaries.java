package io.frictionflow.cli;

import io.frictionflow.local.LocalJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Human-readable summaries of a run. Signals are counted for every pattern of the catalog, in
 * catalog order, so a pattern that was loaded and never matched shows 0 and one turned off shows
 * {@code disabled}: neither looks like a pattern that was not loaded. Signals of other kinds
 * ({@code session_end}, {@code intent}) follow.
 */
final class Summaries {
  /** Shown instead of a count for a pattern of the catalog that does not run. */
  static final String DISABLED = "disabled";

  private Summaries() {}

  /**
   * The run on one line.
   *
   * @param catalog every pattern of the catalog by id, in order, and whether it runs
   */
  static String oneLine(LocalJob.Summary s, Map<String, Boolean> catalog) {
    long signals = s.signalsByPattern().values().stream().mapToLong(Long::longValue).sum();
    List<String> patterns = new ArrayList<>();
    List<String> others = new ArrayList<>();
    rows(s, catalog, patterns, others);
    String list =
        String.join(", ", patterns)
            + (!patterns.isEmpty() && !others.isEmpty() ? "; " : "")
            + String.join(", ", others);
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
        + (list.isEmpty() ? "" : " (" + list + ")");
  }

  /**
   * The run as a table.
   *
   * @param catalog every pattern of the catalog by id, in order, and whether it runs
   */
  static String table(LocalJob.Summary s, Map<String, Boolean> catalog) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%n%-22s %8d%n", "events read", s.read()));
    b.append(String.format("%-22s %8d%n", "failed", s.failed()));
    b.append(String.format("%-22s %8d%n", "late", s.late()));
    b.append(String.format("%-22s %8d%n", "duplicates", s.duplicates()));
    b.append(String.format("%-22s %8d%n", "used", s.used()));
    b.append(String.format("signals by pattern%n"));
    Map<String, String> counts = counts(s, catalog);
    if (counts.isEmpty()) {
      b.append(String.format("  %-20s %8s%n", "(none)", ""));
    }
    counts.forEach((k, v) -> b.append(String.format("  %-20s %8s%n", k, v)));
    return b.toString();
  }

  private static void rows(
      LocalJob.Summary s,
      Map<String, Boolean> catalog,
      List<String> patterns,
      List<String> others) {
    counts(s, catalog)
        .forEach((k, v) -> (catalog.containsKey(k) ? patterns : others).add(k + " " + v));
  }

  /** Each pattern of the catalog, then each other kind of signal, with its count. */
  private static Map<String, String> counts(LocalJob.Summary s, Map<String, Boolean> catalog) {
    Map<String, String> out = new LinkedHashMap<>();
    catalog.forEach(
        (id, enabled) ->
            out.put(
                id,
                enabled ? String.valueOf(s.signalsByPattern().getOrDefault(id, 0L)) : DISABLED));
    s.signalsByPattern().forEach((k, v) -> out.putIfAbsent(k, String.valueOf(v)));
    return out;
  }
}
