package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.pattern.CatalogDiff.Change;
import io.frictionflow.pattern.CatalogDiff.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDiffTest {
  @TempDir Path dir;

  private Map<String, Change> diff(Map<String, String> edits) throws Exception {
    Path before = Files.createDirectories(dir.resolve("before"));
    Path after = Files.createDirectories(dir.resolve("after"));
    for (String f :
        List.of(
            "rage-click.yaml", "error-click.yaml", "cart-abandonment.yaml", "quick-back.yaml")) {
      String text = Files.readString(Path.of("patterns", f));
      Files.writeString(before.resolve(f), text);
      if (!edits.containsKey(f)) {
        Files.writeString(after.resolve(f), text);
      } else if (!edits.get(f).isEmpty()) {
        String[] change = edits.get(f).split("=>", 2);
        Files.writeString(after.resolve(f), text.replace(change[0], change[1]));
      }
    }
    Files.writeString(
        after.resolve("new.yaml"),
        Files.readString(Path.of("patterns/error-click.yaml"))
            .replace("id: error-click", "id: new-one"));
    return CatalogDiff.compare(
            PatternCatalog.definitions(before), PatternCatalog.definitions(after))
        .stream()
        .collect(Collectors.toMap(Change::patternId, c -> c));
  }

  @Test
  void classifiesEachKindOfChange() throws Exception {
    Map<String, Change> d =
        diff(
            Map.of(
                "error-click.yaml", "default: 2s=>default: 3s",
                "cart-abandonment.yaml", "  - name: no_checkout=>  - name: no_order",
                "quick-back.yaml", ""));
    assertThat(d.get("rage-click").kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(d.get("error-click").kind()).isEqualTo(Kind.COMPATIBLE);
    assertThat(d.get("cart-abandonment").kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
    assertThat(d.get("cart-abandonment").detail())
        .contains("[no_checkout] renamed or removed")
        .contains("bump state_version to 2");
    assertThat(d.get("cart-abandonment").ok()).isFalse();
    assertThat(d.get("quick-back").kind()).isEqualTo(Kind.REMOVED);
    assertThat(d.get("new-one").kind()).isEqualTo(Kind.NEW);
  }

  @Test
  void aStateVersionBumpIsAllowedAndNamesTheNewUid() throws Exception {
    Map<String, Change> d =
        diff(Map.of("cart-abandonment.yaml", "version: 1\n=>version: 2\nstate_version: 2\n"));
    assertThat(d.get("cart-abandonment").kind()).isEqualTo(Kind.STATE_VERSION_BUMPED);
    assertThat(d.get("cart-abandonment").detail()).contains("cep-cart-abandonment-v2");
  }

  @Test
  void fewerRepetitionsOfAStageRemoveNfaStatesAndNeedABump() throws Exception {
    // times: $clicks compiles to one NFA state per repetition: clicks, clicks:0, clicks:1.
    Map<String, Change> fewer =
        diff(
            Map.of(
                "rage-click.yaml",
                "clicks: {type: int, default: 3=>clicks: {type: int, default: 2"));
    assertThat(fewer.get("rage-click").kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
    assertThat(fewer.get("rage-click").detail())
        .contains("[clicks] repeat a different number of times");
  }

  @Test
  void moreRepetitionsOfAStageNeedABumpToo() throws Exception {
    // times 3 starts in clicks:1, times 4 in clicks:2: a restored start state would no longer be
    // one.
    Map<String, Change> more =
        diff(
            Map.of(
                "rage-click.yaml",
                "clicks: {type: int, default: 3=>clicks: {type: int, default: 4"));
    assertThat(more.get("rage-click").kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
  }

  @Test
  void aProfileThatChangesARepetitionCountNeedsABump() throws Exception {
    Map<String, Change> d =
        diff(Map.of("rage-click.yaml", "mixpanel: {clicks: 4,=>mixpanel: {clicks: 5,"));
    assertThat(d.get("rage-click").kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
  }

  private static final String STAGES =
      """
      id: steps
      version: 1
      description: d
      severity: low
      on: [click, page_view, submit]
      params:
        skippable: {type: bool, default: false}
      profiles:
        lenient: {skippable: true}
      stages:
        - name: view
          type: page_view
        - name: tap
          type: click
          optional: $skippable
        - name: send
          type: submit
      window: 1m
      """;

  /** The change from {@code STAGES} to {@code after}. */
  private Change change(String after) throws Exception {
    Path before = Files.createDirectories(dir.resolve("steps-before"));
    Path now = Files.createDirectories(dir.resolve("steps-after"));
    Files.writeString(before.resolve("steps.yaml"), STAGES);
    Files.writeString(now.resolve("steps.yaml"), after);
    List<Change> changes =
        CatalogDiff.compare(PatternCatalog.definitions(before), PatternCatalog.definitions(now));
    assertThat(changes).hasSize(1);
    return changes.get(0);
  }

  @Test
  void reorderingStagesNeedsABump() throws Exception {
    Change c =
        change(
            STAGES.replace(
                "  - name: view\n    type: page_view\n  - name: tap\n    type: click\n"
                    + "    optional: $skippable\n",
                "  - name: tap\n    type: click\n    optional: $skippable\n"
                    + "  - name: view\n    type: page_view\n"));
    assertThat(c.kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
    assertThat(c.detail())
        .contains("stage order changed from [view, tap, send] to [tap, view, send]")
        .contains("bump state_version to 2");
  }

  @Test
  void insertingAStageBeforeExistingOnesNeedsABumpButAppendingDoesNot() throws Exception {
    Change inserted =
        change(
            STAGES.replace(
                "  - name: send\n", "  - name: scroll\n    type: click\n  - name: send\n"));
    assertThat(inserted.kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
    assertThat(inserted.detail()).contains("stage(s) [scroll] inserted before existing stages");
    Change first =
        change(STAGES.replace("stages:\n", "stages:\n  - name: start\n    type: click\n"));
    assertThat(first.kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
    assertThat(first.detail()).contains("[start] inserted");
    Change appended =
        change(STAGES.replace("window: 1m", "  - name: later\n    type: click\nwindow: 1m"));
    assertThat(appended.kind()).isEqualTo(Kind.COMPATIBLE);
    assertThat(appended.detail()).contains("stages added: [later]");
  }

  @Test
  void makingAStageOptionalOrRequiredNeedsABump() throws Exception {
    Change optional =
        change(STAGES.replace("    type: submit\n", "    type: submit\n    optional: true\n"));
    assertThat(optional.kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
    assertThat(optional.detail()).contains("stage(s) [send] made optional");
    // Through a parameter's default, and through a profile only.
    Change viaDefault = change(STAGES.replace("default: false}", "default: true}"));
    assertThat(viaDefault.kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
    assertThat(viaDefault.detail()).contains("stage(s) [tap] made optional");
    Change viaProfile = change(STAGES.replace("lenient: {skippable: true}", "lenient: {}"));
    assertThat(viaProfile.kind()).isEqualTo(Kind.BREAKING_WITHOUT_BUMP);
    assertThat(viaProfile.detail())
        .contains("[tap] made required")
        .contains("under profile lenient");
  }

  @Test
  void aShapeChangeWithABumpIsAllowedAndSaysWhatWasDropped() throws Exception {
    Change c =
        change(
            STAGES
                .replace("version: 1\n", "version: 2\nstate_version: 2\n")
                .replace("    type: submit\n", "    type: submit\n    optional: true\n"));
    assertThat(c.kind()).isEqualTo(Kind.STATE_VERSION_BUMPED);
    assertThat(c.detail()).contains("cep-steps-v2").contains("[send] made optional");
  }
}
