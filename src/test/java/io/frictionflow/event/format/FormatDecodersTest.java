package io.frictionflow.event.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.event.FailureReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each tracker's documented payloads decode onto the canonical event; bad ones say where. */
class FormatDecodersTest {
  static final Path DIR = Path.of("src/test/resources/formats");
  static final long NOW = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

  static EventDecoder decoder(InputFormat f) {
    return new EventDecoder(DecoderSettings.of(64 * 1024).withFormat(f));
  }

  static Event decode(InputFormat f, String text) throws DecodeException {
    return decoder(f).decodeRecord(text.getBytes(StandardCharsets.UTF_8), NOW, 0);
  }

  static String fixture(String name) throws Exception {
    return Files.readString(DIR.resolve(name)).strip();
  }

  static DecodeException failure(InputFormat f, String text) {
    try {
      decode(f, text);
    } catch (DecodeException e) {
      return e;
    }
    throw new AssertionError("expected a rejection of " + text);
  }

  @Test
  void segmentsDocumentedTrackCallNeedsASessionIdAndSaysWhichField() throws Exception {
    DecodeException e = failure(InputFormat.SEGMENT, fixture("vendor/segment-track.json"));
    assertThat(e.reason()).isEqualTo(FailureReason.MISSING_FIELD);
    assertThat(e.field()).isEqualTo("context.sessionId");
    assertThat(e.getMessage()).startsWith("segment: ");
  }

  @Test
  void segmentsTrackCallRunsOnTheSkewCorrectedTimeSegmentComputesAsTimestamp() throws Exception {
    String track =
        fixture("vendor/segment-track.json")
            .replace("\"context\":{", "\"context\":{\"sessionId\":\"s-1\",");
    Event e = decode(InputFormat.SEGMENT, track);
    assertThat(e.eventId()).isEqualTo("ajs-f8ca1e4de5024d9430b3928bd8ac6b96");
    assertThat(e.type()).isEqualTo("course_clicked");
    // receivedAt - (sentAt - originalTimestamp) is Segment's own "timestamp" of the example.
    assertThat(Instant.ofEpochMilli(e.time())).isEqualTo(Instant.parse("2015-12-12T19:11:01.249Z"));
    assertThat(e.anonymousId()).isEqualTo("23adfd82-aa0f-45a7-a756-24f2a7a4c895");
    assertThat(e.userId()).isEqualTo("AiUGstSDIg");
    assertThat(e.page().url()).isEqualTo("https://segment.com/academy/");
    assertThat(e.page().title()).isEqualTo("Analytics Academy");
    assertThat(e.page().referrer()).isNull();
    assertThat(e.props()).containsEntry("title", "Intro to Analytics");
  }

  @Test
  void segmentPageIdentifyAndEcommerce() throws Exception {
    Event page =
        decode(
            InputFormat.SEGMENT,
            fixture("vendor/segment-page.json")
                .replace("\"context\":{", "\"context\":{\"sessionId\":\"s\","));
    assertThat(page.type()).isEqualTo("page_view");
    assertThat(page.page().url()).isEqualTo("http://www.example.com");
    assertThat(page.page().title()).isEqualTo("Welcome | Initech");
    assertThat(page.time()).isEqualTo(Instant.parse("2015-02-23T22:28:55.111Z").toEpochMilli());

    Event identify =
        decode(
            InputFormat.SEGMENT,
            fixture("vendor/segment-identify.json")
                .replace("\"context\":{", "\"context\":{\"sessionId\":\"s\","));
    assertThat(identify.type()).isEqualTo("identify");
    assertThat(identify.userId()).isEqualTo("97980cfea0067");
    assertThat(identify.props()).isNull();
    assertThat(identify.extra()).isNull();
    assertThat(identify.toString()).doesNotContain("peter@example.com");

    Event added = decode(InputFormat.SEGMENT, fixture("vendor/segment-product-added.json"));
    assertThat(added.type()).isEqualTo("add_to_cart");
    assertThat(added.props()).containsEntry("sku", "G-32").containsEntry("price", "18.99");
    assertThat(Ecommerce.type("Checkout Started")).isEqualTo("checkout_start");
    assertThat(Ecommerce.type("Order Completed")).isEqualTo("purchase");
  }

  @Test
  void segmentErrorsNameSegmentsFields() {
    DecodeException e =
        failure(
            InputFormat.SEGMENT,
            "{\"type\":\"track\",\"event\":\"x\",\"messageId\":\"m\",\"context\":{\"sessionId\":\"s\"},"
                + "\"originalTimestamp\":\"yesterday\"}");
    assertThat(e.reason()).isEqualTo(FailureReason.BAD_TIMESTAMP);
    assertThat(e.field()).isEqualTo("originalTimestamp");
    e =
        failure(
            InputFormat.SEGMENT,
            "{\"type\":\"track\",\"event\":\"x\",\"context\":{\"sessionId\":\"s\"},"
                + "\"originalTimestamp\":\"2020-01-01T00:00:00Z\"}");
    assertThat(e.field()).isEqualTo("messageId");
    e =
        failure(
            InputFormat.SEGMENT,
            "{\"type\":\"page\",\"messageId\":\"m\",\"context\":{\"sessionId\":\"s\",\"page\":{\"url\":5}},"
                + "\"originalTimestamp\":\"2020-01-01T00:00:00Z\"}");
    assertThat(e.reason()).isEqualTo(FailureReason.WRONG_TYPE);
    assertThat(e.field()).isEqualTo("context.page.url");
    // a future time names Segment's field too
    e =
        failure(
            InputFormat.SEGMENT,
            "{\"type\":\"page\",\"messageId\":\"m\",\"context\":{\"sessionId\":\"s\"},"
                + "\"originalTimestamp\":\"2027-01-01T00:00:00Z\"}");
    assertThat(e.reason()).isEqualTo(FailureReason.FUTURE_TIME);
    assertThat(e.field()).isEqualTo("originalTimestamp");
    assertThat(e.getMessage()).startsWith("segment: ");
  }

  @Test
  void postHogCaptureEvents() throws Exception {
    Event capture =
        decode(
            InputFormat.POSTHOG,
            fixture("vendor/posthog-capture.json")
                .replace(
                    "\"distinct_id\":\"user_123\",",
                    "\"distinct_id\":\"user_123\",\"uuid\":\"u-1\","));
    assertThat(capture.type()).isEqualTo("user_signed_up");
    assertThat(capture.anonymousId()).isEqualTo("user_123");
    assertThat(capture.props()).containsEntry("login_type", "email");

    Event pv = decode(InputFormat.POSTHOG, fixture("vendor/posthog-pageview.json"));
    assertThat(pv.type()).isEqualTo("page_view");
    assertThat(pv.sessionId()).isEqualTo("0188e1a2-56e6-7b6c-8b4f-5c2c8b1b2d11");
    assertThat(pv.page().url()).isEqualTo("http://localhost:3000/");
    assertThat(pv.page().referrer()).isNull();
    assertThat(pv.page().title()).isEqualTo("PostHog demo");
    assertThat(pv.viewport().w()).isEqualTo(2560);
    assertThat(pv.device().deviceClass()).isEqualTo("desktop");

    Event click = decode(InputFormat.POSTHOG, fixture("vendor/posthog-autocapture.json"));
    assertThat(click.type()).isEqualTo("click");
    assertThat(click.target().tag()).isEqualTo("button");
    assertThat(click.target().text()).isEqualTo("Autocapture buttons");
    assertThat(click.target().selector()).isEqualTo("button");

    Event error = decode(InputFormat.POSTHOG, fixture("vendor/posthog-exception.json"));
    assertThat(error.type()).isEqualTo("error");
    assertThat(error.error().kind()).isEqualTo("TypeError");
    assertThat(error.error().message()).startsWith("Cannot read properties");

    String rage =
        fixture("vendor/posthog-autocapture.json").replace("\"$autocapture\"", "\"$rageclick\"");
    assertThat(decode(InputFormat.POSTHOG, rage).type()).isEqualTo("rageclick");
    String dead =
        fixture("vendor/posthog-autocapture.json").replace("\"$autocapture\"", "\"$dead_click\"");
    assertThat(decode(InputFormat.POSTHOG, dead).type()).isEqualTo("dead_click");
  }

  @Test
  void postHogErrorsNamePostHogsFields() throws Exception {
    DecodeException e =
        failure(
            InputFormat.POSTHOG,
            fixture("vendor/posthog-capture.json").replace("\"$session_id\"", "\"$other\""));
    assertThat(e.field()).isEqualTo("uuid");
    e =
        failure(
            InputFormat.POSTHOG,
            fixture("vendor/posthog-pageview.json").replace("\"$session_id\"", "\"$other\""));
    assertThat(e.reason()).isEqualTo(FailureReason.MISSING_FIELD);
    assertThat(e.field()).isEqualTo("properties.$session_id");
    assertThat(e.getMessage()).startsWith("posthog: ");
    e =
        failure(
            InputFormat.POSTHOG,
            fixture("vendor/posthog-pageview.json").replace("2560", "\"wide\""));
    assertThat(e.reason()).isEqualTo(FailureReason.WRONG_TYPE);
    assertThat(e.field()).isEqualTo("properties.$viewport_width");
    e = failure(InputFormat.POSTHOG, "[1]");
    assertThat(e.reason()).isEqualTo(FailureReason.NOT_JSON);
  }

  @Test
  void elementsChainGivesTheInnermostElement() {
    ElementsChain c =
        ElementsChain.first(
            "a.nav.link:attr__href=\"/cart\"attr__id=\"cart\"href=\"/cart\"text=\"Cart \\\"2\\\"\";li:nth-child=\"1\"");
    assertThat(c.tag()).isEqualTo("a");
    assertThat(c.selector()).isEqualTo("a#cart");
    assertThat(c.href()).isEqualTo("/cart");
    assertThat(c.text()).isEqualTo("Cart \"2\"");
    assertThat(ElementsChain.first("button.btn.primary:nth-child=\"1\"").selector())
        .isEqualTo("button.btn.primary");
    assertThat(ElementsChain.first("")).isNull();
  }

  @Test
  void snowplowEnrichedTsvFromTheDocumentedColumns() throws Exception {
    List<String> lines = Files.readAllLines(DIR.resolve("vendor/snowplow-enriched.tsv"));
    Event pv = decode(InputFormat.SNOWPLOW, lines.get(0));
    assertThat(pv.eventId()).isEqualTo("c6ef3124-b53a-4b13-a233-0088f79dcbcb");
    assertThat(pv.sessionId()).isEqualTo("2b15e5c8-d3b1-11e4-b9d6-1681e6b88ec1");
    assertThat(pv.type()).isEqualTo("page_view");
    assertThat(pv.anonymousId()).isEqualTo("bc2e92ec6c204a14");
    assertThat(pv.page().path()).isEqualTo("/product/index.html");
    assertThat(pv.viewport().h()).isEqualTo(768);
    // collector_tstamp - (dvce_sent_tstamp - dvce_created_tstamp) is Snowplow's derived_tstamp
    assertThat(Instant.ofEpochMilli(pv.time()))
        .isEqualTo(Instant.parse("2013-11-26T00:02:04.885Z"));

    Event ping = decode(InputFormat.SNOWPLOW, lines.get(1));
    assertThat(ping.type()).isEqualTo("scroll");
    assertThat(ping.scroll().depthPct()).isEqualTo(75.0); // (1536 + 768) / 3072

    Event link = decode(InputFormat.SNOWPLOW, lines.get(2));
    assertThat(link.type()).isEqualTo("click");
    assertThat(link.target().selector()).isEqualTo("a#nav-home");
    assertThat(link.target().href()).isEqualTo("http://www.example.com");
    assertThat(link.target().text()).isEqualTo("Home");
    assertThat(link.target().newTab()).isTrue();

    Event focus = decode(InputFormat.SNOWPLOW, lines.get(3));
    assertThat(focus.type()).isEqualTo("focus");
    assertThat(focus.field().id()).isEqualTo("email");
    assertThat(focus.field().form()).isEqualTo("signup");
    assertThat(focus.target().tag()).isEqualTo("input");
    assertThat(focus.toString()).doesNotContain("jon.doe@email.com'").doesNotContain("value");

    Event submit = decode(InputFormat.SNOWPLOW, lines.get(4));
    assertThat(submit.type()).isEqualTo("submit");
    assertThat(submit.field().form()).isEqualTo("signup");
    assertThat(submit.props()).isNull();
  }

  @Test
  void snowplowErrorsNameSnowplowsFields() throws Exception {
    String pv = Files.readAllLines(DIR.resolve("vendor/snowplow-enriched.tsv")).get(0);
    DecodeException e =
        failure(InputFormat.SNOWPLOW, pv.replace("2b15e5c8-d3b1-11e4-b9d6-1681e6b88ec1", ""));
    assertThat(e.field()).isEqualTo("domain_sessionid");
    assertThat(e.getMessage()).startsWith("snowplow: ");
    e = failure(InputFormat.SNOWPLOW, pv.replace("2013-11-26 00:03:57.885", "soon"));
    assertThat(e.reason()).isEqualTo(FailureReason.BAD_TIMESTAMP);
    assertThat(e.field()).isEqualTo("dvce_created_tstamp");
    e = failure(InputFormat.SNOWPLOW, "a\tb\tc");
    assertThat(e.getMessage()).contains("131 tab-separated fields");
    String link = Files.readAllLines(DIR.resolve("vendor/snowplow-enriched.tsv")).get(2);
    e =
        failure(
            InputFormat.SNOWPLOW,
            link.replace("\"targetUrl\":\"http://www.example.com\"", "\"targetUrl\":7"));
    assertThat(e.reason()).isEqualTo(FailureReason.WRONG_TYPE);
    assertThat(e.field()).isEqualTo("unstruct_event.data.data.targetUrl");
  }

  @Test
  void rrwebWrapperDecodesOneEventStatelessly() throws Exception {
    Event click =
        decode(
            InputFormat.RRWEB,
            "{\"session_id\":\"s-1\",\"event\":{\"type\":3,\"data\":{\"source\":2,\"type\":2,\"id\":27,\"x\":729,\"y\":124},\"timestamp\":1682952384313}}");
    assertThat(click.type()).isEqualTo("click");
    assertThat(click.x()).isEqualTo(729.0);
    assertThat(click.props()).containsEntry("node_id", "27");
    assertThat(click.eventId()).startsWith("rr-");
    Event again =
        decode(
            InputFormat.RRWEB,
            "{\"session_id\":\"s-1\",\"event\":{\"type\":3,\"data\":{\"source\":2,\"type\":2,\"id\":27,\"x\":729,\"y\":124},\"timestamp\":1682952384313}}");
    assertThat(again.eventId()).isEqualTo(click.eventId());
    DecodeException e =
        failure(
            InputFormat.RRWEB, "{\"event\":{\"type\":4,\"data\":{},\"timestamp\":1682952384313}}");
    assertThat(e.field()).isEqualTo("session_id");
    e =
        failure(
            InputFormat.RRWEB,
            "{\"session_id\":\"s\",\"event\":{\"type\":3,\"data\":{\"source\":2,\"type\":2,\"x\":\"left\"},\"timestamp\":1682952384313}}");
    assertThat(e.reason()).isEqualTo(FailureReason.WRONG_TYPE);
    assertThat(e.field()).isEqualTo("event.data.x");
    assertThat(e.getMessage()).startsWith("rrweb: ");
  }
}
