package io.frictionflow.score;

import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.TestEvents;
import io.frictionflow.event.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {
  private static Event page(String id, long at, String category, String referrer) {
    TestEvents.Builder b = event("page_view").id(id).atMillis(at);
    ObjectNode p = b.tree().putObject("page");
    p.put("category", category).put("url", "https://shop.example.com/x");
    if (referrer != null) {
      p.put("referrer", referrer);
    }
    return b.put("page", p).event();
  }

  @Test
  void countsPagesAndDwellByCategoryAndTheActivity() {
    SessionFeatures s = new SessionFeatures();
    FeatureExtractor.update(s, page("p1", 0, "product", "https://www.google.com/search"));
    FeatureExtractor.update(
        s, event("scroll").atMillis(1000).put("scroll", Map.of("depth_pct", 60)).event());
    FeatureExtractor.update(s, event("click").atMillis(2000).event());
    FeatureExtractor.update(s, page("p2", 10_000, "informational", null));
    FeatureExtractor.update(s, event("add_to_cart").atMillis(13_000).event());
    FeatureExtractor.update(
        s, event("hover").atMillis(14_000).put("props", Map.of("duration_ms", 1500)).event());
    FeatureExtractor.recordSignal(s);
    Map<String, Object> v = FeatureExtractor.values(s);
    assertThat(v)
        .containsEntry("ProductRelated", 1.0)
        .containsEntry("ProductRelated_Duration", 10.0)
        .containsEntry("Informational", 1.0)
        .containsEntry("Informational_Duration", 4.0)
        .containsEntry("pages", 2.0)
        .containsEntry("duration_s", 14.0)
        .containsEntry("max_scroll_pct", 60.0)
        .containsEntry("clicks", 1.0)
        .containsEntry("cart_adds", 1.0)
        .containsEntry("hover_s", 1.5)
        .containsEntry("friction_signals", 1.0)
        .containsEntry("referrer_class", "search")
        .containsEntry("VisitorType", "New_Visitor")
        .containsEntry("Month", "Mar")
        .containsEntry("Weekend", "FALSE");
  }

  @Test
  void classifiesReferrers() {
    assertThat(FeatureExtractor.referrerClass(null, null)).isEqualTo("direct");
    assertThat(
            FeatureExtractor.referrerClass("https://l.instagram.com/", "https://shop.example.com/"))
        .isEqualTo("social");
    assertThat(
            FeatureExtractor.referrerClass(
                "https://shop.example.com/a", "https://shop.example.com/b"))
        .isEqualTo("internal");
    assertThat(
            FeatureExtractor.referrerClass(
                "https://news.example.org/", "https://shop.example.com/"))
        .isEqualTo("other");
  }

  @Test
  void trainingFromEventsUsesOnlyWhatHappenedBeforeTheLabelEvent() {
    List<String> bought =
        List.of(
            event("page_view").session("a").id("a1").atMillis(0).json(),
            event("click").session("a").id("a2").atMillis(1000).json(),
            event("purchase").session("a").id("a3").atMillis(2000).json(),
            event("click").session("a").id("a4").atMillis(3000).json(),
            event("add_to_cart").session("a").id("a5").atMillis(4000).json());
    List<String> browsed =
        List.of(
            event("page_view").session("b").id("b1").atMillis(0).json(),
            event("click").session("b").id("b2").atMillis(1000).json(),
            "not json");
    EventTraining.Rows rows =
        EventTraining.fromLines(
            java.util.stream.Stream.concat(bought.stream(), browsed.stream()).toList(), "purchase");
    assertThat(rows.labels()).containsExactly(1, 0);
    assertThat(rows.skippedLines()).isEqualTo(1);
    // The clicks and cart add after the purchase do not count; the session looks like b's.
    assertThat(rows.rows().get(0).get("clicks")).isEqualTo(1.0);
    assertThat(rows.rows().get(0).get("cart_adds")).isEqualTo(0.0);
    assertThat(rows.rows().get(0).get("duration_s")).isEqualTo(1.0);
    assertThat(rows.rows().get(0)).isEqualTo(rows.rows().get(1));
  }
}
