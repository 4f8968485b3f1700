package io.frictionflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/**
 * Events with personal data and secrets planted in every string field of the canonical event, and
 * the markers that must never show in any output.
 */
public final class PiiEvents {
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PHONE = "+44 20 7946 0958";
  private static final String CARD = "4111 1111 1111 1111";
  private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJlMTIz";

  /**
   * A URL with a user password, a percent-encoded e-mail in the path, secrets in query and hash.
   */
  public static final String URL =
      "https://bob:hunter2@shop.example.com/users/john.roe%40example.org/orders"
          + "?code=Zq7kQ3vX9pLm&email=jane.doe%40example.com&lang=en"
          + "#id_token=Hh2Ww8Rr4Tt6&state=Ss5Uu6Vv7";

  /** Text with an e-mail, a phone number, a card number and a bearer token. */
  public static final String TEXT =
      "Mail " + EMAIL + " or call " + PHONE + ", card " + CARD + ", Bearer Ab12Cd34Ef56Gh78";

  /** Substrings of the planted data: none may appear in any output. */
  public static final List<String> MARKERS =
      List.of(
          "jane.doe",
          "john.roe",
          "7946 0958",
          "7946%200958",
          "4111 1111",
          "Zq7kQ3vX9pLm",
          "Hh2Ww8Rr4Tt6",
          "Ss5Uu6Vv7",
          "Aa1Bb2Cc3Dd4",
          "eyJzdWIiOiJqYW5lIn0",
          "Ab12Cd34Ef56Gh78",
          "hunter2",
          "uid-Kx93Lm",
          "anon-Pq82Zt",
          "Xx7Yy8Zz9");

  private PiiEvents() {}

  /** {@code b} with PII in every string field except ids and type (and error unless asked). */
  public static TestEvents.Builder plant(TestEvents.Builder b, boolean withError) {
    b.put("user_id", "uid-Kx93Lm")
        .put("anonymous_id", "anon-Pq82Zt")
        .put(
            "page",
            Map.of(
                "url", URL,
                "path", "/users/john.roe%40example.org/reset?access_token=Aa1Bb2Cc3Dd4",
                "referrer", "https://mail.example.com/#/open?token=Xx7Yy8Zz9&u=" + EMAIL,
                "title", "Orders of " + EMAIL,
                "category", "account " + EMAIL))
        .put(
            "target",
            Map.of(
                "selector", "a[href='mailto:" + EMAIL + "']",
                "tag", "a " + EMAIL,
                "text", TEXT,
                "href", URL,
                "role", "link " + PHONE))
        .put("device", Map.of("class", "desktop " + EMAIL, "ua", "Mozilla/5.0 " + EMAIL))
        .put("field", Map.of("id", "email-" + EMAIL, "form", "signup " + PHONE))
        .put(
            "network",
            Map.of(
                "status",
                500,
                "method",
                "GET " + EMAIL,
                "url",
                "https://api.example.com/v1/me?api_key=Aa1Bb2Cc3Dd4"))
        .put("how", "link " + EMAIL)
        .put("state", "visible " + EMAIL)
        .put("modifiers", "ctrl " + EMAIL)
        .put(
            "props",
            Map.of("email", EMAIL, "nested", Map.of("card", CARD, "phone", PHONE), "note", TEXT))
        .put("customer_email", EMAIL)
        .put("customer", Map.of("phone", PHONE, "token", JWT));
    if (withError) {
      b.put("error", Map.of("message", "Token " + JWT + " rejected for " + EMAIL, "kind", TEXT));
    }
    return b;
  }

  /** Fails naming the output and the marker when {@code output} holds planted data. */
  public static void assertClean(String where, String output) {
    for (String m : MARKERS) {
      assertThat(output).as("%s leaks %s: %s", where, m, output).doesNotContain(m);
    }
  }
}
