package io.frictionflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.local.LocalJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

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
}
