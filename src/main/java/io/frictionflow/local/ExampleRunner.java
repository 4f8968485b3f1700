package io.frictionflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.config.JobSettings;
import io.frictionflow.job.Detector;
import io.frictionflow.pattern.Example;
import io.frictionflow.pattern.MalformedPatternException;
import io.frictionflow.pattern.PatternDefinition;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.session.SessionFunction;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code examples:} of pattern files through the real job (decode, event time, dedupe, the
 * detector with the compiled patterns, fire policies) in one bounded run, and compares the signals
 * with what each example expects.
 *
 * <p>Each example gets its own sessions ({@code ex/<pattern>/<index>/<session>}); examples that
 * share a profile and parameters share one hosted pattern in the detector, which sees only their
 * sessions and keeps its state under its own names.
 */
public final class ExampleRunner {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final long EXAMPLE_SPACING_MS = 24L * 3600 * 1000;

  private ExampleRunner() {}

  /** The outcome of one example. */
  public record Result(
      String file, String patternId, int index, String name, boolean passed, String message) {}

  /** Runs every example of {@code definitions}; results in file and example order. */
  public static List<Result> run(List<PatternDefinition> definitions) throws Exception {
    Map<String, Result> failedEarly = new LinkedHashMap<>();
    Map<String, Detector> detectors = new LinkedHashMap<>();
    Map<String, List<String>> prefixesByGroup = new LinkedHashMap<>();
    Map<String, PatternSpec> specsByGroup = new LinkedHashMap<>();
    Path input = Files.createTempFile("frictionflow-examples", ".jsonl");
    long exampleCount = 0;
    try {
      try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
        for (PatternDefinition def : definitions) {
          for (Example ex : def.examples()) {
            String key = key(def, ex);
            PatternSpec spec;
            try {
              spec = def.resolve(ex.profile(), ex.params());
            } catch (MalformedPatternException e) {
              failedEarly.put(
                  key,
                  new Result(def.file(), def.id(), ex.index(), ex.name(), false, e.getMessage()));
              continue;
            }
            String group = def.id() + "|" + ex.profile() + "|" + ex.params();
            specsByGroup.putIfAbsent(group, spec);
            prefixesByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(prefix(def, ex));
            // Each example gets its own day, so that one example's watermark never makes the next
            // one's events late.
            long shift = EXAMPLE_SPACING_MS * exampleCount++;
            for (String event : ex.events()) {
              ObjectNode o = (ObjectNode) JSON.readTree(event);
              o.put("session_id", prefix(def, ex) + o.get("session_id").asText());
              for (String time : new String[] {"ts", "sent_at", "received_at"}) {
                if (o.path(time).isIntegralNumber()) {
                  o.put(time, o.get(time).longValue() + shift);
                }
              }
              w.write(o.toString());
              w.newLine();
            }
          }
        }
      }
      int n = 0;
      for (Map.Entry<String, PatternSpec> g : specsByGroup.entrySet()) {
        detectors.put(
            g.getKey(),
            new Detector(g.getValue(), prefixesByGroup.get(g.getKey()), "-example-" + n++));
      }
      Map<String, List<List<String>>> actual = new LinkedHashMap<>();
      Map<String, List<String>> problems = new LinkedHashMap<>();
      if (!detectors.isEmpty()) {
        LocalJob.run(
            input,
            // Examples are about patterns: no intent signals.
            JobSettings.from(Map.of("frictionflow.intent.enabled", "false")),
            List.copyOf(detectors.values()),
            1,
            r -> {
              try {
                JsonNode j = JSON.readTree(r.json());
                switch (r.channel()) {
                  case OutputRecord.SIGNAL -> {
                    if (r.key().equals(SessionFunction.SESSION_END)) {
                      return;
                    }
                    String session = j.get("session_id").asText();
                    List<String> ids = new ArrayList<>();
                    j.get("event_ids").forEach(x -> ids.add(x.asText()));
                    actual.computeIfAbsent(examplePrefix(session), k -> new ArrayList<>()).add(ids);
                  }
                  case OutputRecord.LATE ->
                      problems
                          .computeIfAbsent(
                              examplePrefix(j.get("session_id").asText()), k -> new ArrayList<>())
                          .add(
                              "event "
                                  + j.get("event_id").asText()
                                  + " arrived at or behind the watermark");
                  default -> throw new IllegalStateException("example event rejected: " + r.json());
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
      }
      List<Result> results = new ArrayList<>();
      for (PatternDefinition def : definitions) {
        for (Example ex : def.examples()) {
          Result early = failedEarly.get(key(def, ex));
          if (early != null) {
            results.add(early);
            continue;
          }
          List<List<String>> got = sorted(actual.getOrDefault(prefix(def, ex), List.of()));
          List<List<String>> want = sorted(ex.expect());
          List<String> issues = problems.getOrDefault(prefix(def, ex), List.of());
          boolean ok = got.equals(want) && issues.isEmpty();
          results.add(
              new Result(
                  def.file(),
                  def.id(),
                  ex.index(),
                  ex.name(),
                  ok,
                  ok
                      ? ""
                      : "expected "
                          + show(want)
                          + ", got "
                          + show(got)
                          + (issues.isEmpty() ? "" : "; " + String.join("; ", issues))));
        }
      }
      return results;
    } finally {
      Files.deleteIfExists(input);
    }
  }

  private static String key(PatternDefinition def, Example ex) {
    return def.id() + "#" + ex.index();
  }

  private static String prefix(PatternDefinition def, Example ex) {
    return "ex/" + def.id() + "/" + ex.index() + "/";
  }

  /** {@code ex/<pattern>/<index>/} of an example session id. */
  private static String examplePrefix(String session) {
    int cut = session.indexOf('/', session.indexOf('/', session.indexOf('/') + 1) + 1);
    return session.substring(0, cut + 1);
  }

  private static List<List<String>> sorted(List<List<String>> matches) {
    List<List<String>> out = new ArrayList<>(matches);
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  private static String show(List<List<String>> matches) {
    return matches.isEmpty() ? "no signal" : matches.toString();
  }
}
