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
}
