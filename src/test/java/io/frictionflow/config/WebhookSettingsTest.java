package io.frictionflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhook destinations are checked when the config loads, not when the first signal is sent. */
class WebhookSettingsTest {
  private static final String CRM = "frictionflow.webhooks.destinations.crm.";

  private static JobSettings withHeader(String name, String value) {
    return JobSettings.from(
        Map.of(CRM + "url", "http://127.0.0.1:9/hook", CRM + "headers." + name, value));
  }

  @Test
  void aPlainHeaderIsKept() {
    assertThat(withHeader("X-Team", "growth").webhooks().destinations())
        .singleElement()
        .satisfies(d -> assertThat(d.headers()).containsExactly(Map.entry("X-Team", "growth")));
  }

  @Test
  void headersTheHttpClientRefusesAreRefusedAtLoadNamingDestinationAndHeader() {
    for (String h : new String[] {"Host", "Connection", "content-length", "Expect", "UPGRADE"}) {
      assertThatThrownBy(() -> withHeader(h, "x"))
          .as(h)
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageStartingWith("config " + CRM + "headers." + h + ": webhook destination crm")
          .hasMessageContaining("header " + h + " is restricted");
    }
  }

  @Test
  void headersTheSenderSetsItselfAreRefused() {
    for (String h :
        new String[] {
          "Content-Type", "User-Agent", "webhook-id", "Webhook-Signature", "webhook-timestamp"
        }) {
      assertThatThrownBy(() -> withHeader(h, "x"))
          .as(h)
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("webhook destination crm: header " + h)
          .hasMessageContaining("set by the webhook sender");
    }
  }

  @Test
  void invalidNamesAndValuesAreRefused() {
    assertThatThrownBy(() -> withHeader("X-Team", "growth\r\nX-Injected: 1"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("webhook destination crm: header X-Team is not a valid HTTP header");
    assertThatThrownBy(() -> withHeader("X Team", "growth"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("header X Team is not a valid HTTP header");
  }
}
