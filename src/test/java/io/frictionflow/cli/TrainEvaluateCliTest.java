package io.frictionflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.sample.SampleFile;
import io.frictionflow.score.IntentModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvaluateCliTest {
  static final String UCI = "src/test/resources/data/online_shoppers_intention.csv";

  @TempDir Path dir;

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FrictionFlow.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void trainsOnTheUciTableAndEvaluatesWithScoresInInputOrder() throws Exception {
    Path model = dir.resolve("model.json");
    String[] train = run("train", "--csv", UCI, "--label", "Revenue", "--out", model.toString());
    assertThat(train[0]).as(train[2]).isEqualTo("0");
    assertThat(train[1]).contains("AUC").contains("F1").contains("threshold");
    double auc = Double.parseDouble(train[1].replaceAll("(?s).*AUC\\s+([0-9.]+).*", "$1"));
    assertThat(auc).isGreaterThanOrEqualTo(0.91);
    assertThat(IntentModel.load(model).features()).hasSize(17);

    Path scores = dir.resolve("scores.csv");
    String[] eval =
        run(
            "evaluate",
            "--csv",
            UCI,
            "--label",
            "Revenue",
            "--model",
            model.toString(),
            "--scores",
            scores.toString());
    assertThat(eval[0]).as(eval[2]).isEqualTo("0");
    List<String> lines = Files.readAllLines(scores);
    assertThat(lines).hasSize(12_331).first().isEqualTo("score");
    assertThat(Double.parseDouble(lines.get(1))).isBetween(0.0, 1.0);
  }

  @Test
  void trainsFromRawEvents() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Files.write(events, SampleFile.lines(300, 5));
    Path model = dir.resolve("model.json");
    String[] train =
        run(
            "train",
            "--events",
            events.toString(),
            "--label-event",
            "purchase",
            "--out",
            model.toString());
    assertThat(train[0]).as(train[2]).isEqualTo("0");
    assertThat(IntentModel.load(model).metadata().get("label")).contains("purchase");
  }

  @Test
  void badArgumentsAreOneLineErrors() {
    String[] neither = run("train", "--out", dir.resolve("m.json").toString());
    assertThat(neither[0]).isEqualTo("2");
    assertThat(neither[2]).contains("--csv");
    String[] noColumn =
        run("train", "--csv", UCI, "--label", "Bought", "--out", dir.resolve("m.json").toString());
    assertThat(noColumn[2]).contains("no column 'Bought'");
    String[] badModel = run("evaluate", "--csv", UCI, "--label", "Revenue", "--model", "pom.xml");
    assertThat(badModel[0]).isEqualTo("2");
  }
}
