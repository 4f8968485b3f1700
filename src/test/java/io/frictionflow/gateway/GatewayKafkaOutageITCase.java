package io.frictionflow.gateway;

import static io.frictionflow.gateway.GatewayHttp.batch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.frictionflow.Poll;
import io.frictionflow.kafka.KafkaTestCluster;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kafka's broker stops while a page sends: the gateway answers 503 with Retry-After instead of
 * accepting what it cannot store, and the same batch, sent again once the broker is back, is
 * accepted and lands once.
 */
class GatewayKafkaOutageITCase {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void aStoppedBrokerGives503ThenTheSameBatchIsAcceptedOnce() throws Exception {
    try (KafkaTestCluster kafka = new KafkaTestCluster()) {
      kafka.createTopics(1, "events", "signals-fast", "session-context");
      String yaml = GatewayHttp.config(kafka.bootstrapServers());
      try (Gateway gateway =
          new Gateway(GatewayConfig.parse(new YAMLMapper().readTree(yaml), Path.of("")))) {
        gateway.start();
        GatewayHttp http = new GatewayHttp(gateway.port());
        JsonNode s = http.newSession();
        String sid = s.get("session_id").asText();
        String token = s.get("token").asText();
        assertThat(http.postEvents(token, batch(sid, "before-1")).statusCode()).isEqualTo(202);

        kafka.stopBroker();
        String body = batch(sid, "during-1", "during-2", "during-3");
        HttpResponse<String> down = http.postEvents(token, body);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).contains("2");

        kafka.startBroker();
        Poll.until(
            "the same batch accepted after the broker is back",
            DEADLINE,
            () -> http.postEvents(token, body),
            r -> r.statusCode() == 202);

        List<String> landed =
            kafka.readUntil(
                "events",
                false,
                l -> l.stream().filter(x -> x.contains("during-")).count() >= 3,
                DEADLINE);
        for (String id : List.of("\"during-1\"", "\"during-2\"", "\"during-3\"", "\"before-1\"")) {
          assertThat(landed.stream().filter(x -> x.contains(id))).as(id).hasSize(1);
        }
      }
    }
  }
}
