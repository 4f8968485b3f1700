package io.frictionflow.session;

import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor r = Redactor.defaults();

  @Test
  void masksEmailsPhonesAndCardNumbersInFreeText() {
    assertThat(r.text("Contact jane.doe+shop@example.co.uk for help"))
        .isEqualTo("Contact [email] for help");
    assertThat(r.text("Card 4111 1111 1111 1111 was declined"))
        .isEqualTo("Card [card] was declined");
    assertThat(r.text("Call +44 20 7946 0958 now")).isEqualTo("Call [phone] now");
    assertThat(r.text("TypeError: Cannot read properties of undefined (reading 'price')"))
        .isEqualTo("TypeError: Cannot read properties of undefined (reading 'price')");
    assertThat(r.text("Order 12345 shipped")).isEqualTo("Order 12345 shipped");
  }

  @Test
  void masksPiiInUrlQueryStringsOnly() {
    assertThat(r.url("https://shop.example.com/reset?email=jane%40example.com&step=2"))
        .isEqualTo("https://shop.example.com/reset?email=[redacted]&step=2");
    assertThat(r.url("/p/grinder?ref=ig&utm_source=insta"))
        .isEqualTo("/p/grinder?ref=ig&utm_source=insta");
    assertThat(r.url("/checkout?phone=%2B1%20415%20555%200100"))
        .isEqualTo("/checkout?phone=[redacted]");
  }

  @Test
  void contextKeepsNoFieldValuesAndMasksTextFromElementsErrorsAndUrls() {
    ContextBuilder b = new ContextBuilder(20, 20, 120, Redactor.defaults());
    SessionContext c = new SessionContext();
    b.update(
        c,
        event("page_view")
            .put("page", Map.of("path", "/account?email=bob%40mail.com", "category", "account"))
            .atMillis(0)
            .event());
    b.update(
        c,
        event("input")
            .put("field", Map.of("id", "card", "form", "pay"))
            .put("props", Map.of("value", "4111111111111111"))
            .atMillis(1000)
            .event());
    b.update(
        c,
        event("click")
            .put("target", Map.of("selector", "#copy", "text", "Mail bob@mail.com"))
            .atMillis(2000)
            .event());
    b.update(
        c,
        event("error")
            .put("error", Map.of("message", "Invalid card 4111-1111-1111-1111"))
            .atMillis(3000)
            .event());
    String json = b.toJson(c, 0.42).toString();
    assertThat(json)
        .doesNotContain("bob@mail.com", "bob%40mail.com", "4111")
        .contains("[email]", "[card]", "[redacted]");
    assertThat(json).doesNotContain("value");
  }

  @Test
  void dropsHashesAndAllowListsContextPaths() {
    ContextBuilder plain = new ContextBuilder(5, 5, 120, Redactor.defaults());
    SessionContext c = new SessionContext();
    plain.update(c, event("page_view").put("page", Map.of("path", "/p/1")).atMillis(0).event());
    plain.update(
        c,
        event("click")
            .put("target", Map.of("selector", "#buy", "text", "Buy"))
            .atMillis(500)
            .event());

    ObjectNode dropped =
        new ContextBuilder(
                5,
                5,
                120,
                new Redactor(
                    true, List.of("last_events.text"), List.of("entry_page"), List.of(), "s"))
            .toJson(c, null);
    assertThat(dropped.get("last_events").get(1).has("text")).isFalse();
    assertThat(dropped.get("entry_page").asText()).hasSize(16).isNotEqualTo("/p/1");

    ObjectNode allowed =
        new ContextBuilder(
                5,
                5,
                120,
                new Redactor(
                    true,
                    List.of(),
                    List.of(),
                    List.of("event_count", "friction", "last_events.type"),
                    ""))
            .toJson(c, null);
    assertThat(allowed.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("event_count", "friction", "last_events");
    assertThat(allowed.get("last_events").get(1).fieldNames()).toIterable().containsExactly("type");
  }

  @Test
  void contextStaysBoundedAndCutsLongText() {
    ContextBuilder b = new ContextBuilder(3, 2, 10, Redactor.defaults());
    SessionContext c = new SessionContext();
    for (int i = 0; i < 50; i++) {
      b.update(
          c,
          event("page_view")
              .put("page", Map.of("path", "/a/very/long/path/" + i))
              .atMillis(i * 1000L)
              .event());
    }
    assertThat(c.lastEvents).hasSize(3);
    assertThat(c.pages).hasSize(2);
    assertThat(c.pages.get(0).path()).hasSize(11).endsWith("…");
    assertThat(c.eventCount).isEqualTo(50);
  }
}
