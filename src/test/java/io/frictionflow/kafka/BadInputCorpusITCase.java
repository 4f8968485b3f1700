package io.frictionflow.kafka;

import static io.frictionflow.TestEvents.event;
import static io.frictionflow.kafka.JobHarness.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frictionflow.TestClusters;
import io.frictionflow.config.JobOptions;
import io.frictionflow.config.JobSettings;
import io.frictionflow.event.BadInputCorpus;
import io.frictionflow.event.BadInputCorpus.Kind;
import io.frictionflow.event.BadInputCorpus.Line;
import io.frictionflow.event.EventDecoder;
import io.frictionflow.job.Detector;
import io.frictionflow.kafka.JobHarness.Topics;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@link BadInputCorpus}: 10,000 mangled lines interleaved with generated
 * sessions) through {@code run}'s path and through the Kafka source on a real broker: no crash,
 * every bad line in failed with its reason, the same reasons, fields and raw payloads on both
 * paths, and the good sessions' signals identical to a run over the good lines alone.
 */
class BadInputCorpusITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestClusters.flink();

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final int MAX_BYTES = JobSettings.defaults().maxEventBytes();
  private static KafkaTestCluster kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = new KafkaTestCluster();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  /** A failed test must not leave its job holding the MiniCluster's slots. */
  @AfterEach
  void cancelRunningJobs(@InjectMiniCluster MiniCluster flink) throws Exception {
    JobHarness.cancelRunningJobs(flink);
  }

  /** What a run produced: signals of the good sessions and failed records, as sorted keys. */
  record Outcome(List<String> signals, List<String> failed, long late, long duplicates) {}

  @Test
  void runAndTheKafkaSourceRejectEveryBadLineAlikeAndDetectWhatTheGoodLinesAloneDetect(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    BadInputCorpus.Corpus corpus = BadInputCorpus.generate(20261201L, 100, 10_000, Instant.now());
    Set<String> good = new HashSet<>(corpus.goodSessions());
    List<Line> bad = corpus.of(Kind.BAD);
    assertThat(bad).hasSize(10_000);
    EventDecoder rawText = new EventDecoder(MAX_BYTES);
    List<String> expectedFailed = new ArrayList<>();
    for (Line l : bad) {
      expectedFailed.add(l.reason() + "|" + l.field() + "|" + rawText.rawText(l.bytes()));
    }
    Collections.sort(expectedFailed);

    Outcome goodOnly = runFile(write("good.jsonl", corpus.of(Kind.GOOD)), good);
    Outcome mixed = runFile(write("mixed.jsonl", corpus.lines()), good);
    assertThat(goodOnly.failed()).isEmpty();
    assertThat(goodOnly.signals()).hasSizeGreaterThan(100);
    assertSame("signals of the mixed run", mixed.signals(), goodOnly.signals());
    assertSame("failed records of run", mixed.failed(), expectedFailed);
    assertThat(mixed.late()).isZero();
    assertThat(mixed.duplicates()).isEqualTo(corpus.of(Kind.DUPLICATE).size());

    Outcome viaKafka = runKafka(flink, corpus, good, expectedFailed.size(), mixed.signals().size());
    assertSame("failed records from Kafka", viaKafka.failed(), expectedFailed);
    assertSame("signals from Kafka", viaKafka.signals(), mixed.signals());
    assertThat(viaKafka.late()).isZero();
    System.out.printf(
        "bad-input corpus: %d lines, %d bad (%d kinds of reason), %d duplicates, %d unknown types;"
            + " %d signals of good sessions, the same with and without the bad lines, by run and"
            + " by the Kafka source%n",
        corpus.lines().size(),
        bad.size(),
        bad.stream().map(Line::reason).distinct().count(),
        corpus.of(Kind.DUPLICATE).size(),
        corpus.of(Kind.UNKNOWN_TYPE).size(),
        mixed.signals().size());
  }

  /** Equal sorted lists, or a failure that shows the first differences, not megabytes. */
  private static void assertSame(String what, List<String> actual, List<String> expected) {
    if (actual.equals(expected)) {
      return;
    }
    List<String> missing = new ArrayList<>(expected);
    actual.forEach(missing::remove);
    List<String> extra = new ArrayList<>(actual);
    expected.forEach(extra::remove);
    throw new AssertionError(
        what
            + ": "
            + actual.size()
            + " instead of "
            + expected.size()
            + "; missing "
            + missing.stream().limit(5).map(BadInputCorpusITCase::cut).toList()
            + "; unexpected "
            + extra.stream().limit(5).map(BadInputCorpusITCase::cut).toList());
  }

  private static String cut(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  private Path write(String name, List<Line> lines) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p)) {
      for (Line l : lines) {
        out.write(l.bytes());
        out.write('\n');
      }
    }
    return p;
  }

  /** The file through {@code run}'s path: LocalJob on a byte-line file source. */
  private static Outcome runFile(Path file, Set<String> good) throws Exception {
    List<Detector> detectors = JobHarness.detectors();
    List<String> signals = Collections.synchronizedList(new ArrayList<>());
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    long[] late = {0};
    LocalJob.Summary s =
        LocalJob.run(
            file,
            // Raw payloads on the failed output: the test compares them byte for byte.
            JobSettings.from(Map.of(JobOptions.FAILED_RAW.key(), "true")),
            detectors,
            2,
            r -> {
              switch (r.channel()) {
                case OutputRecord.SIGNAL -> signalKey(tree(r.json()), good, signals);
                case OutputRecord.FAILED -> failed.add(failedKey(tree(r.json())));
                case OutputRecord.LATE -> {
                  if (good.contains(tree(r.json()).get("session_id").asText())) {
                    late[0]++;
                  }
                }
                default -> {}
              }
            });
    assertThat(s.failed()).isEqualTo(failed.size());
    return new Outcome(sorted(signals), sorted(failed), late[0], s.duplicates());
  }

  /** The same lines produced to a topic of three partitions, through the cluster job. */
  private Outcome runKafka(
      MiniCluster flink, BadInputCorpus.Corpus corpus, Set<String> good, int failed, int signals)
      throws Exception {
    Topics t = JobHarness.createTopics(kafka, "corpus", 3);
    String events = t.events();
    JobID job =
        JobHarness.startJob(
            flink,
            JobHarness.jobArgs(
                kafka, t, "2s", dir, "--set", JobOptions.FAILED_RAW.key() + "=true"));
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    // The corpus's 1 MB strings are just under the broker's default record limit.
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 << 20));
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Line l : corpus.lines()) {
        sent.add(producer.send(new ProducerRecord<>(events, l.key(), l.bytes())));
      }
      // A day later on every partition: the watermark passes every session's end.
      for (int partition = 0; partition < 3; partition++) {
        String tick = "tick-" + partition;
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    events,
                    partition,
                    tick,
                    event("page_view")
                        .id(tick)
                        .session(tick)
                        .at(Instant.parse("2026-03-03T09:00:00Z"))
                        .json()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    }
    List<String> failedOut =
        kafka.readUntil(t.failed(), false, l -> l.size() >= failed, DEADLINE).stream()
            .map(j -> failedKey(tree(j)))
            .toList();
    List<String> signalsOut = new ArrayList<>();
    kafka.readUntil(
        t.fast(),
        false,
        l -> {
          signalsOut.clear();
          l.forEach(j -> signalKey(tree(j), good, signalsOut));
          return signalsOut.size() >= signals;
        },
        DEADLINE);
    long late =
        kafka.readAll(t.late(), false, DEADLINE).stream()
            .filter(j -> good.contains(tree(j).get("session_id").asText()))
            .count();
    JobHarness.cancel(flink, job);
    return new Outcome(sorted(signalsOut), sorted(failedOut), late, -1);
  }

  /** Adds a good session's signal as pattern, session and event ids; timing fields left out. */
  private static void signalKey(JsonNode s, Set<String> good, List<String> out) {
    if (good.contains(s.get("session_id").asText())) {
      out.add(JobHarness.signalKey(s));
    }
  }

  private static String failedKey(JsonNode f) {
    return f.get("reason").asText() + "|" + f.get("field").asText() + "|" + f.get("raw").asText();
  }

  private static List<String> sorted(List<String> l) {
    List<String> out = new ArrayList<>(l);
    Collections.sort(out);
    return out;
  }
}
