package io.frictionflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frictionflow.pattern.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outside check: click-to-signal latency of a running job, measured from outside it. Produces
 * {@link RageClickTraffic} to the events topic at a fixed wall-clock rate (open loop, as {@link
 * PaceSchedule}) with each event's {@code ts} the wall clock when it is sent, reads the fast
 * signals topic, and reports, for every rage-click signal, the time from sending the session's
 * third click to receiving the signal (both on this process's monotonic clock). Sessions whose
 * third click falls in the warm-up are not counted; traffic goes on after the counted events while
 * their signals drain, because the watermark needs newer events. Run by {@code bin/outside-check}
 * (docs/performance.md).
 */
public final class OutsideCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one check does.
   *
   * @param bootstrapServers the Kafka broker
   * @param eventsTopic where events go
   * @param signalsTopic where the job writes fast signals
   * @param rate events per second
   * @param duration how long to produce
   * @param warmup the first part of {@code duration} not counted
   * @param drain how long to wait for missing signals after the last event
   */
  record Options(
      String bootstrapServers,
      String eventsTopic,
      String signalsTopic,
      double rate,
      Duration duration,
      Duration warmup,
      Duration drain) {

    /** Parses {@code --name value} pairs; unknown names are refused. */
    static Options parse(String[] args) {
      Map<String, String> v = new HashMap<>();
      v.put("--bootstrap-servers", "127.0.0.1:9092");
      v.put("--events-topic", "events");
      v.put("--signals-topic", "signals-fast");
      v.put("--rate", "200");
      v.put("--duration", "60s");
      v.put("--warmup", "10s");
      v.put("--drain", "30s");
      for (int i = 0; i < args.length; i++) {
        if (!v.containsKey(args[i]) || i + 1 == args.length) {
          throw new IllegalArgumentException(
              "usage: outside-check [" + String.join(" V] [", v.keySet()) + " V]; got " + args[i]);
        }
        v.put(args[i], args[++i]);
      }
      Options o =
          new Options(
              v.get("--bootstrap-servers"),
              v.get("--events-topic"),
              v.get("--signals-topic"),
              Double.parseDouble(v.get("--rate")),
              duration(v, "--duration"),
              duration(v, "--warmup"),
              duration(v, "--drain"));
      if (!(o.rate > 0) || o.warmup.compareTo(o.duration) >= 0) {
        throw new IllegalArgumentException("need --rate > 0 and --warmup shorter than --duration");
      }
      return o;
    }

    private static Duration duration(Map<String, String> v, String name) {
      Duration d = Durations.parse(v.get(name));
      if (d == null) {
        throw new IllegalArgumentException(name + ": expected a duration such as 60s");
      }
      return d;
    }
  }

  private OutsideCheck() {}

  /** Runs one check and prints its summary. */
  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    String run = "oc" + Long.toString(System.currentTimeMillis(), 36);
    RageClickTraffic traffic = new RageClickTraffic(run, RageClickTraffic.lanesFor(o.rate));
    PaceSchedule schedule = new PaceSchedule(o.rate);
    long events =
        (long) (o.rate * o.duration.toNanos() / 1e9)
            / (traffic.lanes() * RageClickTraffic.EVENTS_PER_SESSION)
            * (traffic.lanes() * RageClickTraffic.EVENTS_PER_SESSION);
    long warmupEvents = (long) (o.rate * o.warmup.toNanos() / 1e9);

    Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    Map<String, Long> signalNanos = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    KafkaConsumer<String, String> consumer = consumer(o);
    Thread reader = new Thread(() -> read(consumer, run, signalNanos, stop), "outside-check-read");
    reader.start();

    long maxBehindNanos = 0;
    long sent = 0;
    try (KafkaProducer<String, String> producer = producer(o)) {
      long start = System.nanoTime();
      long drainUntil = start + schedule.dueNanos(events) + o.drain.toNanos();
      // Traffic goes on after the counted events until their signals are in (or the drain ends):
      // the watermark, and so every signal, needs newer events on every partition.
      for (long i = 0; ; i++) {
        if (i >= events
            && i % 256 == 0
            && (signalNanos.keySet().containsAll(sentNanos.keySet())
                || System.nanoTime() > drainUntil)) {
          break;
        }
        long due = start + schedule.dueNanos(i);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(Math.min(wait, 1_000_000));
        }
        maxBehindNanos = Math.max(maxBehindNanos, -wait);
        String session = traffic.sessionId(i);
        String line = traffic.event(i, System.currentTimeMillis());
        if (traffic.isThirdClick(i) && i >= warmupEvents && i < events) {
          sentNanos.put(session, System.nanoTime());
        }
        producer.send(new ProducerRecord<>(o.eventsTopic, session, line));
        sent++;
      }
      producer.flush();
    }
    stop.set(true);
    reader.join();

    List<Long> micros = new ArrayList<>();
    for (var e : sentNanos.entrySet()) {
      Long got = signalNanos.get(e.getKey());
      if (got != null) {
        micros.add(Math.max(0, (got - e.getValue()) / 1000));
      }
    }
    Percentiles p = Percentiles.ofMicros(micros.stream().mapToLong(Long::longValue).toArray());
    System.out.printf(
        Locale.ROOT,
        "outside-check run %s at %s: %d events at %.0f ev/s over %s (%d sessions open at once),"
            + " %d sent in all (traffic goes on while signals drain), producer at most %.1f ms"
            + " behind its schedule%n"
            + "rage-click sessions counted (after %s warm-up): %d, signals received: %d,"
            + " missing: %d%n"
            + "third click -> signals-fast: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        run,
        Instant.now(),
        events,
        o.rate,
        o.duration,
        traffic.lanes(),
        sent,
        maxBehindNanos / 1e6,
        o.warmup,
        sentNanos.size(),
        p.count(),
        sentNanos.size() - p.count(),
        p.p50(),
        p.p95(),
        p.p99(),
        p.max());
  }

  private static KafkaProducer<String, String> producer(Options o) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  /** A consumer of every partition of the signals topic, positioned at its end. */
  private static KafkaConsumer<String, String> consumer(Options o) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
    List<TopicPartition> parts =
        c.partitionsFor(o.signalsTopic, Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(i.topic(), i.partition()))
            .toList();
    c.assign(parts);
    c.seekToEnd(parts);
    parts.forEach(c::position); // resolves the end now, before the first event is sent
    return c;
  }

  /** Notes when each of this run's sessions first had a rage-click signal. */
  private static void read(
      KafkaConsumer<String, String> c, String run, Map<String, Long> at, AtomicBoolean stop) {
    try (c) {
      while (!stop.get()) {
        var records = c.poll(Duration.ofMillis(50));
        long now = System.nanoTime();
        for (ConsumerRecord<String, String> r : records) {
          try {
            JsonNode s = JSON.readTree(r.value());
            String session = s.path("session_id").asText();
            if ("rage-click".equals(s.path("pattern_id").asText())
                && session.startsWith(run + "-")) {
              at.putIfAbsent(session, now);
            }
          } catch (Exception e) {
            // Not a signal of ours: ignore.
          }
        }
      }
    }
  }
}
