package io.frictionflow.cli;

import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.TestEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --param rage-click.profile=posthog} over random click streams gives exactly the rage
 * clicks of PostHog's rule, as posthog-js implements it (re-implemented here independently).
 */
class PostHogRageClickITCase {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  record Click(String id, long t, int x, int y) {}

  /**
   * posthog-js rageclick.ts: a click continues the burst when it is less than 30 px (Manhattan)
   * from and less than 1000 ms after the previous click, otherwise it starts a new burst; the burst
   * is a rage click when it reaches three clicks.
   */
  static List<List<String>> posthog(List<Click> clicks) {
    List<List<String>> out = new ArrayList<>();
    List<Click> burst = new ArrayList<>();
    for (Click c : clicks) {
      Click last = burst.isEmpty() ? null : burst.get(burst.size() - 1);
      if (last != null
          && Math.abs(c.x() - last.x()) + Math.abs(c.y() - last.y()) < 30
          && c.t() - last.t() < 1000) {
        burst.add(c);
        if (burst.size() == 3) {
          out.add(burst.stream().map(Click::id).toList());
        }
      } else {
        burst = new ArrayList<>(List.of(c));
      }
    }
    return out;
  }

  @Test
  void runWithThePosthogProfileGivesExactlyPostHogsRageClicks() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    List<String> lines = new ArrayList<>();
    TreeSet<String> expected = new TreeSet<>();
    for (int s = 0; s < 40; s++) {
      String session = "ph" + s;
      List<Click> clicks = new ArrayList<>();
      long t = s * 1000L;
      int x = 500;
      int y = 500;
      for (int i = 0; i < 60; i++) {
        // Gaps and moves around the thresholds, the exact boundaries included.
        t +=
            switch (random.nextInt(5)) {
              case 0 -> 1000;
              case 1 -> 999;
              case 2 -> 1 + random.nextInt(400);
              case 3 -> 1001 + random.nextInt(2000);
              default -> 400 + random.nextInt(700);
            };
        int move = random.nextInt(4);
        int dx =
            move == 0
                ? 15
                : move == 1 ? random.nextInt(8) : move == 2 ? 29 - random.nextInt(2) : 40;
        int dy = move == 0 ? 15 : move == 1 ? random.nextInt(8) : 0;
        x += random.nextBoolean() ? dx : -dx;
        y += random.nextBoolean() ? dy : -dy;
        clicks.add(new Click(session + "-" + i, t, x, y));
        lines.add(
            event("click").id(session + "-" + i).session(session).atMillis(t).xy(x, y).json());
      }
      posthog(clicks).forEach(ids -> expected.add(session + ":" + ids));
    }
    assertThat(expected).hasSizeGreaterThan(20);
    // Sessions interleaved in time, as a collector delivers them.
    lines.sort(
        java.util.Comparator.comparingLong(
            l -> Long.parseLong(l.replaceAll(".*\"ts\":(\\d+).*", "$1"))));
    Path in = TestEvents.write(dir, "clicks.jsonl", lines);
    Path out = dir.resolve("signals.jsonl");
    int code =
        FrictionFlow.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            "run",
            "--events",
            in.toString(),
            "--output",
            out.toString(),
            "--patterns",
            "patterns",
            "--param",
            "rage-click.profile=posthog",
            "--set",
            "frictionflow.intent.enabled=false");
    assertThat(code).isZero();
    TreeSet<String> got = new TreeSet<>();
    for (String line : Files.readAllLines(out)) {
      JsonNode s = JSON.readTree(line);
      if (s.get("kind").asText().equals("session_end")) {
        continue;
      }
      assertThat(s.get("pattern_id").asText()).isEqualTo("rage-click");
      List<String> ids = new ArrayList<>();
      s.get("event_ids").forEach(i -> ids.add(i.asText()));
      got.add(s.get("session_id").asText() + ":" + ids);
    }
    assertThat(got).isEqualTo(expected);
  }
}
