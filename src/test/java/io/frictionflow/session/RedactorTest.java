package io.frictionflow.session;

import static io.frictionflow.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.PiiEvents;
import io.frictionflow.event.EventJson;
import io.frictionflow.event.FailedEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor r = Redactor.defaults();

  @Test
  void masksEmailsPhonesAndCardNumbersInFreeText() {
    assertThat(r.text("Contact jane.doe+shop@example.co.uk for help", 120))
        .isEqualTo("Contact [email] for help");
    assertThat(r.text("Card 4111 1111 1111 1111 was declined", 120))
        .isEqualTo("Card [card] was declined");
    assertThat(r.text("Call +44 20 7946 0958 now", 120)).isEqualTo("Call [phone] now");
    assertThat(r.text("TypeError: Cannot read properties of undefined (reading 'price')", 120))
        .isEqualTo("TypeError: Cannot read properties of undefined (reading 'price')");
    assertThat(r.text("Order 12345 shipped", 120)).isEqualTo("Order 12345 shipped");
  }

  @Test
  void masksPiiInUrlQueryStringsOnly() {
    assertThat(r.url("https://shop.example.com/reset?email=jane%40example.com&step=2", 120))
        .isEqualTo("https://shop.example.com/reset?email=[redacted]&step=2");
    assertThat(r.url("/p/grinder?ref=ig&utm_source=insta", 120))
        .isEqualTo("/p/grinder?ref=ig&utm_source=insta");
    assertThat(r.url("/checkout?phone=%2B1%20415%20555%200100", 120))
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

  @Test
  void masksSecretsInQueryStringsAndFragmentsByDefault() {
    assertThat(r.url("https://shop.example.com/cb?code=Zq7kQ3&state=s3cr3t&lang=en", 120))
        .isEqualTo("https://shop.example.com/cb?code=[redacted]&state=[redacted]&lang=en");
    assertThat(
            r.url("https://app.example.com/#id_token=Hh2Ww8&token_type=Bearer&expires=3600", 120))
        .isEqualTo("https://app.example.com/#id_token=[redacted]&token_type=Bearer&expires=3600");
    assertThat(r.url("/#/reset?token=abc123&step=2", 120))
        .isEqualTo("/#/reset?token=[redacted]&step=2");
    assertThat(r.url("/cb?access%5Ftoken=abc&X-Amz-Signature=deadbeef&csrf_token=x", 120))
        .isEqualTo(
            "/cb?access%5Ftoken=[redacted]&X-Amz-Signature=[redacted]&csrf_token=[redacted]");
    assertThat(r.url("https://bob:hunter2@example.com/x?q=shoes", 120))
        .isEqualTo("https://[redacted]@example.com/x?q=shoes");
    assertThat(r.url("/p/grinder#reviews", 120)).isEqualTo("/p/grinder#reviews");
  }

  @Test
  void secretParametersAreConfigurable() {
    Redactor own =
        new Redactor(
            new PrivacyOptions(
                true, List.of("ticket"), List.of(), List.of(), List.of(), List.of(), ""));
    assertThat(own.url("/cb?ticket=T-1&code=42", 120)).isEqualTo("/cb?ticket=[redacted]&code=42");
  }

  @Test
  void percentDecodesBeforeMatchingAndNeverThrowsOnMalformedEscapes() {
    assertThat(r.url("/users/jane%40example.com/orders", 120)).isEqualTo("/users/[email]/orders");
    assertThat(r.url("/users/jane%2540example.com/", 120)).isEqualTo("/users/[email]/");
    assertThat(r.url("mailto:jane%40example.com", 120)).isEqualTo("mailto:[email]");
    assertThat(r.url("/q?to=%2B44%2020%207946%200958", 120)).isEqualTo("/q?to=[redacted]");
    assertThat(r.url("/p%zz/%E0%A4%A?x=%&y=%4", 120)).isEqualTo("/p%zz/%E0%A4%A?x=%&y=%4");
    assertThat(r.url("%", 120)).isEqualTo("%");
  }

  @Test
  void masksBearerTokensAndJwtsInText() {
    assertThat(r.text("401 for Bearer Ab12Cd34Ef56Gh78 at /api", 120))
        .isEqualTo("401 for [token] at /api");
    assertThat(r.text("bad eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl", 120))
        .isEqualTo("bad [token]");
  }

  @Test
  void anEmailAcrossTheCutIsMaskedWholeNotShownInPart() {
    String text = "x".repeat(110) + " jane.doe@example.com and more";
    assertThat(r.text(text, 120)).doesNotContain("jane").isEqualTo("x".repeat(110) + " [email]…");
    String url = "/p?" + "a=1&".repeat(28) + "email=jane.doe%40example.com&z=" + "y".repeat(400);
    assertThat(r.url(url, 120)).doesNotContain("jane").endsWith("…").hasSizeLessThanOrEqualTo(121);
  }

  @Test
  void textIsCutBeforeAnyRegularExpressionSeesIt() {
    java.util.List<Integer> lengths = new java.util.ArrayList<>();
    Redactor probed = Redactor.defaults();
    probed.probeRegexInputs(lengths::add);
    for (int n : new int[] {60_000, 1_000_000}) {
      // A run of e-mail characters is the worst case of a backtracking e-mail pattern.
      String run = "a1".repeat(n / 2);
      String path = "/" + "a1b2/".repeat(n / 5) + "?q=" + run + "#" + run;
      assertThat(probed.text(run, 120)).hasSize(121).endsWith("…");
      assertThat(probed.text(run + "@example.com", 120)).hasSize(121);
      assertThat(probed.url(path, 120)).hasSizeLessThanOrEqualTo(121).endsWith("…");
      assertThat(probed.url("https://x.example/?q=" + run, 120)).hasSizeLessThanOrEqualTo(121);
    }
    assertThat(lengths).isNotEmpty();
    assertThat(lengths.stream().mapToInt(Integer::intValue).max().orElseThrow())
        .isLessThanOrEqualTo(Redactor.regexInputBound(120));
  }

  @Test
  void everyContextFieldIsCutBeforeMatchingFor60kAnd1MTexts() throws Exception {
    // Events of up to the decoder's size limit reach the context: here 8 MB.
    io.frictionflow.event.EventDecoder decoder = new io.frictionflow.event.EventDecoder(8 << 20);
    java.util.List<Integer> lengths = new java.util.ArrayList<>();
    Redactor probed = Redactor.defaults();
    probed.probeRegexInputs(lengths::add);
    ContextBuilder b = new ContextBuilder(20, 20, 120, probed);
    SessionContext c = new SessionContext();
    for (int n : new int[] {60_000, 1_000_000}) {
      String run = "a1".repeat(n / 2);
      b.update(
          c,
          decoder.decode(
              event("page_view")
                  .put("page", Map.of("path", "/" + run, "referrer", "/" + run, "category", run))
                  .put("device", Map.of("class", run))
                  .atMillis(n)
                  .json(),
              0L));
      b.update(
          c,
          decoder.decode(
              event("click")
                  .put("target", Map.of("selector", run, "text", run))
                  .atMillis(n + 1)
                  .json(),
              0L));
      b.update(
          c,
          decoder.decode(
              event("error").put("error", Map.of("message", run)).atMillis(n + 2).json(), 0L));
    }
    ObjectNode json = b.toJson(c, null);
    assertThat(lengths.stream().mapToInt(Integer::intValue).max().orElseThrow())
        .isLessThanOrEqualTo(Redactor.regexInputBound(120));
    json.findValues("text").forEach(t -> assertThat(t.asText()).hasSizeLessThanOrEqualTo(121));
    json.findValues("target").forEach(t -> assertThat(t.asText()).hasSizeLessThanOrEqualTo(121));
    json.findValues("path").forEach(t -> assertThat(t.asText()).hasSizeLessThanOrEqualTo(121));
    assertThat(json.get("device_class").asText()).hasSize(121);
    assertThat(json.get("entry_referrer").asText()).hasSizeLessThanOrEqualTo(121);
  }

  @Test
  void contextMasksEveryFieldItTakesFromAnEvent() {
    ContextBuilder b = new ContextBuilder(20, 20, 120, Redactor.defaults());
    SessionContext c = new SessionContext();
    b.update(c, PiiEvents.plant(event("page_view"), false).atMillis(0).event());
    b.update(c, PiiEvents.plant(event("click"), false).atMillis(100).event());
    b.update(c, PiiEvents.plant(event("error"), true).atMillis(200).event());
    b.update(c, event("jane.doe@example.com").atMillis(300).event());
    PiiEvents.assertClean("context", b.toJson(c, 0.5).toString());
  }

  @Test
  void aLateEventLeavesRedacted() {
    var e = PiiEvents.plant(event("click"), true).atMillis(0).event();
    var late = Redactor.defaults().event(e, 120);
    String json = EventJson.toJson(late);
    PiiEvents.assertClean("late", json);
    assertThat(late.eventId()).isEqualTo(e.eventId());
    assertThat(late.sessionId()).isEqualTo(e.sessionId());
    assertThat(late.type()).isEqualTo("click");
    assertThat(late.time()).isEqualTo(e.time());
    assertThat(late.userId()).hasSize(16).isEqualTo(Redactor.defaults().id("uid-Kx93Lm"));
    assertThat(late.props()).isNull();
    assertThat(late.extra()).isNull();
    assertThat(late.target().text()).contains("[email]", "[phone]", "[card]", "[token]");
    assertThat(late.page().url()).startsWith("https://[redacted]@shop.example.com/users/[email]/");
    assertThat(Redactor.defaults().event(e, 300).page().url())
        .isEqualTo(
            "https://[redacted]@shop.example.com/users/[email]/orders"
                + "?code=[redacted]&email=[redacted]&lang=en#id_token=[redacted]&state=[redacted]");

    Redactor keep =
        new Redactor(
            new PrivacyOptions(
                true,
                Redactor.DEFAULT_SECRET_PARAMS,
                List.of("note", "nested"),
                List.of(),
                List.of(),
                List.of(),
                ""));
    var kept = keep.event(e, 120);
    assertThat(kept.props()).containsOnlyKeys("note", "nested");
    PiiEvents.assertClean("late with kept props", EventJson.toJson(kept));
  }

  @Test
  void aRejectedRecordLeavesRedactedUnlessRawIsKept() {
    String raw = PiiEvents.plant(event("click"), true).put("session_id", 7).json();
    var f = new FailedEvent(raw, "wrong_type", "session_id", "bad jane.doe@example.com", 1L);
    var out = Redactor.defaults().failed(f, 120);
    PiiEvents.assertClean("failed", EventJson.toJson(out));
    assertThat(out.reason()).isEqualTo("wrong_type");
    assertThat(out.field()).isEqualTo("session_id");
    assertThat(out.detail()).isEqualTo("bad [email]");
    assertThat(out.raw()).contains("\"session_id\":7", "\"type\":\"click\"", "[email]");

    String notJson = "oops " + PiiEvents.TEXT + " " + PiiEvents.URL;
    var text = Redactor.defaults().failed(new FailedEvent(notJson, "not_json", "", "", 1L), 120);
    PiiEvents.assertClean("failed text", EventJson.toJson(text));
    assertThat(text.raw()).startsWith("oops Mail [email]");
  }

  @Test
  void shipsInsideAFlinkFunctionAndRedactsTheSameAfterwards() throws Exception {
    // Flink serializes the functions that hold a redactor; every part must travel with it.
    Redactor shipped =
        InstantiationUtil.clone(
            new Redactor(
                new PrivacyOptions(
                    true,
                    Redactor.DEFAULT_SECRET_PARAMS,
                    List.of("note"),
                    List.of(),
                    List.of("user"),
                    List.of(),
                    "salt")));
    assertThat(shipped.text("Contact jane.doe@example.com", 120)).isEqualTo("Contact [email]");
    assertThat(shipped.url("/reset?token=abc123&step=2", 120))
        .isEqualTo("/reset?token=[redacted]&step=2");
    assertThat(shipped.id("uid-1"))
        .isEqualTo(new Redactor(true, List.of(), List.of(), List.of(), "salt").id("uid-1"))
        .isNotEqualTo(Redactor.defaults().id("uid-1"));
  }
}
