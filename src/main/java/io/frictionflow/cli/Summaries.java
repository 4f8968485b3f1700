package io.frictionflow.cli;

import io.frictionflow.config.JobSettings;
import io.frictionflow.explain.ExplainInput;
import io.frictionflow.explain.Explainer;
import io.frictionflow.job.Detector;
import io.frictionflow.local.LocalJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Human-readable summaries of a run. Signals are counted for every pattern of the catalog, in
 * catalog order, so a pattern that was loaded and never matched shows 0 and one turned off shows
 * {@code disabled}: neither looks like a pattern that was not loaded. With each running pattern,
 * the number of sessions in which it got past its first stage (a partial match took a second event,
 * or a match completed), found by {@link Explainer} over the same input: a pattern with 0 signals
 * and many sessions past stage 1 is a near miss worth an {@code explain}. Signals of other kinds
 * ({@code session_end}, {@code intent}) follow.
 */
final class Summaries {
  /** Shown instead of a count for a pattern of the catalog that does not run. */
  static final String DISABLED = "disabled";

  private Summaries() {}

  /**
   * Per running pattern, the sessions of {@code input} in which it got past its first stage; empty
   * when the input's format cannot be read line by line (an rrweb event stream).
   */
  static Map<String, Long> pastFirstStage(
      Path input, JobSettings settings, List<Detector> detectors) throws Exception {
    ExplainInput in;
    try {
      in = ExplainInput.read(input, settings.decoder());
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
    return new Explainer(settings.sessionTimeout())
        .sessionsPastFirstStage(detectors.stream().map(Detector::spec).toList(), in.events());
  }

  /**
   * The run on one line.
   *
   * @param catalog every pattern of the catalog by id, in order, and whether it runs
   */
  static String oneLine(LocalJob.Summary s, Map<String, Boolean> catalog) {
    return oneLine(s, catalog, Map.of());
  }

  /**
   * The run on one line, each running pattern with its sessions past stage 1 when {@code past} has
   * them: {@code rage-click 0 (12 sessions past stage 1)}.
   */
  static String oneLine(LocalJob.Summary s, Map<String, Boolean> catalog, Map<String, Long> past) {
    long signals = s.signalsByPattern().values().stream().mapToLong(Long::longValue).sum();
    List<String> patterns = new ArrayList<>();
    List<String> others = new ArrayList<>();
    rows(s, catalog, past, patterns, others);
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
    return table(s, catalog, Map.of());
  }

  /** The run as a table, with sessions past stage 1 when {@code past} has them. */
  static String table(LocalJob.Summary s, Map<String, Boolean> catalog, Map<String, Long> past) {
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
    counts.forEach(
        (k, v) ->
            b.append(
                past.containsKey(k) && catalog.getOrDefault(k, false)
                    ? String.format("  %-20s %8s   %s%n", k, v, pastText(past.get(k)))
                    : String.format("  %-20s %8s%n", k, v)));
    return b.toString();
  }

  private static void rows(
      LocalJob.Summary s,
      Map<String, Boolean> catalog,
      Map<String, Long> past,
      List<String> patterns,
      List<String> others) {
    counts(s, catalog)
        .forEach(
            (k, v) ->
                (catalog.containsKey(k) ? patterns : others)
                    .add(
                        k
                            + " "
                            + v
                            + (past.containsKey(k) && catalog.getOrDefault(k, false)
                                ? " (" + pastText(past.get(k)) + ")"
                                : "")));
  }

  private static String pastText(long n) {
    return n + " session" + (n == 1 ? "" : "s") + " past stage 1";
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
