package io.frictionflow.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogisticTrainerTest {
  static final Path UCI = Path.of("src/test/resources/data/online_shoppers_intention.csv");

  @Test
  void reachesTheLiteratureAucOnTheUciShoppersTableWithDefaultSettings() throws Exception {
    Table t = Table.readCsv(UCI);
    assertThat(t.rows()).hasSize(12_330);
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (String c : t.columns()) {
      if (!c.equals("Revenue")) {
        (t.numeric(c) ? numeric : categorical).add(c);
      }
    }
    assertThat(categorical).containsExactly("Month", "VisitorType", "Weekend");
    int[] labels = t.rows().stream().mapToInt(r -> Table.label(r.get("Revenue"))).toArray();
    List<Map<String, ?>> rows = new ArrayList<>(t.rows());
    LogisticTrainer.Result r =
        LogisticTrainer.trainAndEvaluate(
            rows,
            labels,
            numeric,
            categorical,
            LogisticTrainer.Options.DEFAULTS,
            0.3,
            42,
            Map.of());
    assertThat(r.test().auc()).isGreaterThanOrEqualTo(0.91);
    assertThat(r.test().n()).isBetween(3690, 3710);
    assertThat(r.test().f1()).isGreaterThan(0.5);
    System.out.print(r.test().table("UCI held-out"));
  }

  @Test
  void learnsASeparableToyProblemAndScoresMonotonically() {
    List<Map<String, ?>> rows = new ArrayList<>();
    int[] labels = new int[200];
    for (int i = 0; i < 200; i++) {
      rows.add(Map.of("x", (double) i, "c", i % 2 == 0 ? "a" : "b"));
      labels[i] = i >= 100 ? 1 : 0;
    }
    IntentModel m =
        LogisticTrainer.fit(
            rows,
            labels,
            List.of("x"),
            List.of("c"),
            new LogisticTrainer.Options(0.1, false, 50),
            Map.of());
    IntentScorer s = new IntentScorer(m);
    assertThat(s.score(Map.of("x", 10.0, "c", "a"))).isLessThan(0.1);
    assertThat(s.score(Map.of("x", 190.0, "c", "a"))).isGreaterThan(0.9);
    assertThat(m.threshold()).isBetween(0.01, 0.99);
  }
}
