package io.frictionflow.cli;

import static io.frictionflow.TestEvents.click;
import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.TestEvents;
import io.frictionflow.config.JobSettings;
import io.frictionflow.job.Detector;
import io.frictionflow.local.LocalJob;
import io.frictionflow.pattern.PatternCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Summaries}: every loaded pattern is listed, with zero counts and disabled ones marked. */
class SummariesTest {
  private static final Map<String, Boolean> CATALOG = new LinkedHashMap<>();

  static {
    CATALOG.put("rage-click", true);
    CATALOG.put("dead-click", false);
    CATALOG.put("quick-back", true);
  }

  private static LocalJob.Summary summary(Map<String, Long> signals) {
    return new LocalJob.Summary(10, 1, 2, 0, 7, new TreeMap<>(signals));
  }

  @Test
  void theOneLineListsEveryLoadedPatternInCatalogOrder() {
    String line = Summaries.oneLine(summary(Map.of("rage-click", 2L, "session_end", 3L)), CATALOG);
    assertThat(line)
        .isEqualTo(
            "events read 10, failed 1, late 2, duplicates 0, used 7; signals 5 (rage-click 2,"
                + " dead-click disabled, quick-back 0; session_end 3)");
  }

  @Test
  void aRunWithoutSignalsStillListsThePatterns() {
    assertThat(Summaries.oneLine(summary(Map.of()), CATALOG))
        .endsWith("; signals 0 (rage-click 0, dead-click disabled, quick-back 0)");
    assertThat(Summaries.oneLine(summary(Map.of()), Map.of())).endsWith("; signals 0");
  }

  @Test
  void theTableMarksZeroAndDisabledPatterns() {
    String table = Summaries.table(summary(Map.of("quick-back", 1L, "session_end", 4L)), CATALOG);
    assertThat(table)
        .contains(
            String.format(
                "signals by pattern%n"
                    + "  rage-click                  0%n"
                    + "  dead-click           disabled%n"
                    + "  quick-back                  1%n"
                    + "  session_end                 4%n"));
    assertThat(Summaries.table(summary(Map.of()), Map.of())).contains("(none)");
  }

  @Test
  void aLoadedPatternWithoutMatchesShowsHowManySessionsGotPastItsFirstStage() {
    Map<String, Long> past = Map.of("rage-click", 12L, "quick-back", 1L);
    assertThat(Summaries.oneLine(summary(Map.of("session_end", 3L)), CATALOG, past))
        .endsWith(
            "; signals 3 (rage-click 0 (12 sessions past stage 1), dead-click disabled, quick-back"
                + " 0 (1 session past stage 1); session_end 3)");
    assertThat(Summaries.table(summary(Map.of()), CATALOG, past))
        .contains(
            String.format(
                "signals by pattern%n"
                    + "  rage-click                  0   12 sessions past stage 1%n"
                    + "  dead-click           disabled%n"
                    + "  quick-back                  0   1 session past stage 1%n"));
  }

  @Test
  void theCountComesFromTheExplainEngineOverTheSameInput(@TempDir Path dir) throws Exception {
    Path in =
        TestEvents.write(
            dir,
            "in.jsonl",
            List.of(
                click("#b").id("a1").session("one").atMillis(0).xy(5, 5).json(),
                click("#b").id("a2").session("one").atMillis(300).xy(5, 5).json(),
                click("#b").id("b1").session("two").atMillis(0).xy(5, 5).json(),
                click("#b").id("b2").session("two").atMillis(5000).xy(5, 5).json()));
    List<Detector> detectors =
        PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of()).stream()
            .map(Detector::of)
            .toList();
    Map<String, Long> past = Summaries.pastFirstStage(in, JobSettings.from(Map.of()), detectors);
    assertThat(past).containsEntry("rage-click", 1L).containsEntry("quick-back", 0L);
    assertThat(past.keySet())
        .containsExactlyElementsOf(detectors.stream().map(d -> d.spec().id()).toList());
  }
}
