package io.frictionflow.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.config.KafkaSettings;
import io.frictionflow.detect.PatternStatus;
import io.frictionflow.detect.PatternStatusJson;
import io.frictionflow.event.Event;
import io.frictionflow.event.EventJson;
import io.frictionflow.event.FailedEvent;
import io.frictionflow.job.Sinks;
import io.frictionflow.job.Uids;
import io.frictionflow.session.SessionFunction;
import io.frictionflow.signal.Signal;
import io.frictionflow.signal.SignalJson;
import io.frictionflow.webhook.DeliveryResult;
import io.frictionflow.webhook.UndeliveredJson;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The cluster job's outputs, one Kafka topic each, as JSON keyed by session id: {@code signals}
 * exactly-once (transactional) and {@code signals-fast} at-least-once, each when enabled; {@code
 * events-failed}, {@code events-late}, {@code session-context} (when enabled) and {@code
 * signals-undelivered} at-least-once and sent at once.
 */
final class KafkaSinks implements Sinks {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final KafkaSettings k;

  KafkaSinks(KafkaSettings k) {
    this.k = k;
  }

  @Override
  public void signals(DataStream<Signal> signals) {
    if (k.signalsEnabled()) {
      signals
          .sinkTo(
              sink(
                  new JsonRecordSerializer<Signal>(
                      k.signalsTopic(), Signal::sessionId, SignalJson::toJson),
                  DeliveryGuarantee.EXACTLY_ONCE))
          .uid(Uids.KAFKA_SIGNALS)
          .name("kafka: " + k.signalsTopic());
    }
    if (k.signalsFastEnabled()) {
      signals
          .sinkTo(
              sink(
                  new JsonRecordSerializer<Signal>(
                      k.signalsFastTopic(), Signal::sessionId, SignalJson::toJson),
                  DeliveryGuarantee.AT_LEAST_ONCE))
          .uid(Uids.KAFKA_SIGNALS_FAST)
          .name("kafka: " + k.signalsFastTopic());
    }
  }

  @Override
  public void failed(DataStream<FailedEvent> failed) {
    failed
        .sinkTo(
            sink(
                new JsonRecordSerializer<FailedEvent>(
                    k.failedTopic(), KafkaSinks::sessionOf, EventJson::toJson),
                DeliveryGuarantee.AT_LEAST_ONCE))
        .uid(Uids.KAFKA_FAILED)
        .name("kafka: " + k.failedTopic());
  }

  @Override
  public void late(DataStream<Event> late) {
    late.sinkTo(
            sink(
                new JsonRecordSerializer<Event>(k.lateTopic(), Event::sessionId, EventJson::toJson),
                DeliveryGuarantee.AT_LEAST_ONCE))
        .uid(Uids.KAFKA_LATE)
        .name("kafka: " + k.lateTopic());
  }

  @Override
  public void contexts(DataStream<SessionFunction.ContextUpdate> contexts) {
    if (k.contextEnabled()) {
      contexts
          .sinkTo(
              sink(
                  new JsonRecordSerializer<SessionFunction.ContextUpdate>(
                      k.contextTopic(),
                      SessionFunction.ContextUpdate::sessionId,
                      SessionFunction.ContextUpdate::json),
                  DeliveryGuarantee.AT_LEAST_ONCE))
          .uid(Uids.KAFKA_CONTEXT)
          .name("kafka: " + k.contextTopic());
    }
  }

  @Override
  public void undelivered(DataStream<DeliveryResult> undelivered) {
    undelivered
        .sinkTo(
            sink(
                new JsonRecordSerializer<DeliveryResult>(
                    k.undeliveredTopic(), DeliveryResult::sessionId, UndeliveredJson::toJson),
                DeliveryGuarantee.AT_LEAST_ONCE))
        .uid(Uids.KAFKA_UNDELIVERED)
        .name("kafka: " + k.undeliveredTopic());
  }

  @Override
  public void patternStatus(DataStream<PatternStatus> status) {
    status
        .sinkTo(
            sink(
                new JsonRecordSerializer<PatternStatus>(
                    k.patternStatusTopic(), PatternStatus::patternId, PatternStatusJson::toJson),
                DeliveryGuarantee.AT_LEAST_ONCE))
        .uid(Uids.KAFKA_PATTERN_STATUS)
        .name("kafka: " + k.patternStatusTopic());
  }

  private <T> KafkaSink<T> sink(JsonRecordSerializer<T> serializer, DeliveryGuarantee guarantee) {
    Properties props = new Properties();
    props.putAll(k.properties());
    // The fast paths send at once rather than batching for throughput.
    props.putIfAbsent("linger.ms", "0");
    props.putIfAbsent("transaction.timeout.ms", Long.toString(k.transactionTimeout().toMillis()));
    var builder =
        KafkaSink.<T>builder()
            .setBootstrapServers(k.bootstrapServers())
            .setKafkaProducerConfig(props)
            .setRecordSerializer(serializer)
            .setDeliveryGuarantee(guarantee);
    if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      builder.setTransactionalIdPrefix(k.transactionalIdPrefix());
    }
    return builder.build();
  }

  /** The session id of a rejected record when its payload names one, else null. */
  private static String sessionOf(FailedEvent f) {
    try {
      var node = JSON.readTree(f.raw());
      var s = node == null ? null : node.get("session_id");
      return s != null && s.isTextual() ? s.textValue() : null;
    } catch (Exception e) {
      return null;
    }
  }
}
