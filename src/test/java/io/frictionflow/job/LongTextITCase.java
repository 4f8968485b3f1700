package io.frictionflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.TestEvents;
import io.frictionflow.config.JobSettings;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import io.frictionflow.pattern.PatternCatalog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded cost per event, end to end: real sessions whose every text field carries 60 KB, and some
 * 1 MB, of text give the same signals as without, and every output stays small. Before text was cut
 * ahead of masking, one 60 KB text cost about 40 s; the deadline is generous, not a speed target
 * (those are measured by the benchmark).
 */
class LongTextITCase {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = io.frictionflow.TestClusters.flink();

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int SESSIONS = 5;

  @TempDir Path dir;

  /** What one run produced. */
  record Run(Set<String> signals, int failed, int late, int longestLine, long millis) {}

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void textsOf60KbAnd1MbInEveryTextFieldGiveTheSameSignalsAndSmallOutputs() throws Exception {
    List<ObjectNode> events = sampleSessions();
    List<String> plain = new ArrayList<>();
    List<String> stuffed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      plain.add(events.get(i).toString());
      stuffed.add(stuff(events.get(i).deepCopy(), i % 40 == 7 ? 1_000_000 : 60_000).toString());
    }
    // A late copy of the first event and a rejected one, stuffed too: both outputs are redacted.
    ObjectNode late = events.get(0).deepCopy().put("event_id", "late-copy");
    plain.add(late.toString());
    stuffed.add(stuff(late.deepCopy(), 1_000_000).toString());
    ObjectNode rejected = late.deepCopy().put("event_id", "rejected");
    rejected.remove("session_id");
    plain.add(rejected.toString());
    stuffed.add(stuff(rejected.deepCopy(), 1_000_000).toString());

    Run base = run("plain", plain);
    Run big = run("stuffed", stuffed);
    System.out.printf(
        "long texts: %d events, plain run %d ms, with 60 KB/1 MB texts %d ms; %d signals%n",
        plain.size(), base.millis(), big.millis(), big.signals().size());

    assertThat(base.signals()).isNotEmpty();
    assertThat(big.signals()).isEqualTo(base.signals());
    assertThat(big.late()).isEqualTo(base.late()).isEqualTo(1);
    assertThat(big.failed()).isEqualTo(base.failed()).isEqualTo(1);
    // Every output line is built from cut text: a signal with its whole context stays small.
    assertThat(big.longestLine()).isLessThan(32 * 1024);
  }

  /** The first sessions of the bundled sample, in file order. */
  private static List<ObjectNode> sampleSessions() throws Exception {
    List<ObjectNode> out = new ArrayList<>();
    Set<String> sessions = new LinkedHashSet<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                LongTextITCase.class.getResourceAsStream("/samples/sessions.jsonl"),
                StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode e;
        try {
          e = JSON.readTree(line);
        } catch (Exception notJson) {
          continue;
        }
        if (!(e instanceof ObjectNode o) || !o.hasNonNull("session_id")) {
          continue;
        }
        String s = o.get("session_id").asText();
        if (sessions.contains(s) || sessions.size() < SESSIONS) {
          sessions.add(s);
          out.add(o);
        }
      }
    }
    return out;
  }

  /**
   * Appends {@code n} characters to every text field the event has, and adds free text in {@code
   * props} and an unknown field. A run of letters and digits is the worst case for an e-mail
   * pattern. Fields whose values patterns or features compare (selectors, paths, hosts) keep their
   * relations: every selector gets the same suffix, URLs a query parameter.
   */
  private static ObjectNode stuff(ObjectNode e, int n) {
    String run = "a1".repeat(n / 2);
    if (e.get("page") instanceof ObjectNode p) {
      append(p, "url", "?blob=" + run);
      append(p, "referrer", "?blob=" + run);
      p.put("title", run);
    }
    if (e.get("target") instanceof ObjectNode t) {
      append(t, "selector", run);
      t.put("text", run);
    }
    if (e.get("error") instanceof ObjectNode r) {
      append(r, "message", run);
    }
    if (e.get("device") instanceof ObjectNode d) {
      d.put("ua", run);
    }
    ObjectNode props = e.get("props") instanceof ObjectNode o ? o : e.putObject("props");
    props.put("note", run);
    e.put("blob", run);
    return e;
  }

  private static void append(ObjectNode o, String field, String suffix) {
    if (o.hasNonNull(field)) {
      o.put(field, o.get(field).asText() + suffix);
    }
  }

  private Run run(String name, List<String> lines) throws Exception {
    Path in = TestEvents.write(dir, name + ".jsonl", lines);
    Set<String> signals = Collections.synchronizedSet(new TreeSet<>());
    int[] counts = new int[3];
    var detectors =
        PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of()).stream()
            .map(Detector::of)
            .toList();
    long start = System.nanoTime();
    LocalJob.run(
        in,
        JobSettings.from(Map.of("frictionflow.events.max-bytes", Integer.toString(16 << 20))),
        detectors,
        2,
        r -> {
          synchronized (counts) {
            counts[2] = Math.max(counts[2], r.json().length());
            switch (r.channel()) {
              case OutputRecord.SIGNAL -> signals.add(signalKey(r.json()));
              case OutputRecord.FAILED -> counts[0]++;
              case OutputRecord.LATE -> counts[1]++;
              default -> {}
            }
          }
        });
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Run(Set.copyOf(signals), counts[0], counts[1], counts[2], millis);
  }

  private static String signalKey(String json) {
    try {
      JsonNode s = JSON.readTree(json);
      return s.get("pattern_id").asText()
          + " "
          + s.get("session_id").asText()
          + " "
          + s.get("event_ids")
          + " "
          + s.get("signal_id").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
