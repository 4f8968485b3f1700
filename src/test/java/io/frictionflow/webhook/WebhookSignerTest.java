package io.frictionflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void signaturesVerifyWithTheStandardWebhooksReferenceLibrary() throws Exception {
    String id = "c4e7f8cf13a65d06a68a22102138eccb";
    long ts = Instant.now().getEpochSecond();
    String body = "{\"signal_id\":\"" + id + "\",\"pattern_id\":\"rage-click\"}";
    String signature = new WebhookSigner(SECRET).sign(id, ts, body);
    assertThat(signature).startsWith("v1,");
    new Webhook(SECRET)
        .verify(
            body,
            Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(signature)));
    assertThat(signature).isEqualTo(new Webhook(SECRET).sign(id, ts, body));
  }

  @Test
  void aTamperedBodyDoesNotVerify() {
    long ts = Instant.now().getEpochSecond();
    String signature = new WebhookSigner(SECRET).sign("id1", ts, "{}");
    assertThatThrownBy(
            () ->
                new Webhook(SECRET)
                    .verify(
                        "{\"x\":1}",
                        Map.of(
                            "webhook-id", List.of("id1"),
                            "webhook-timestamp", List.of(Long.toString(ts)),
                            "webhook-signature", List.of(signature))))
        .isInstanceOf(Exception.class);
  }

  @Test
  void rejectsSecretsNotInTheWhsecForm() {
    assertThatThrownBy(() -> new WebhookSigner("plain-secret")).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> new WebhookSigner("whsec_!!!")).hasMessageContaining("base64");
    assertThatThrownBy(() -> new WebhookSigner("whsec_YWJj")).hasMessageContaining("16 bytes");
  }
}
