package io.frictionflow.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.frictionflow.Poll;
import io.frictionflow.cli.FrictionFlow;
import io.frictionflow.job.Detector;
import io.frictionflow.pattern.PatternCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;

/** The harness the job tests share: job arguments, starting the job, topics, parsing. */
public final class JobHarness {
  /** How long the job tests wait for a condition ({@link Poll#until}) before they fail. */
  public static final Duration POLL_DEADLINE = Duration.ofSeconds(90);

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private JobHarness() {}

  /** The topic names of one test, each {@code prefix-<output>}. */
  public record Topics(
      String events, String signals, String fast, String failed, String late, String context) {
    /** The topics of {@code prefix}: events, signals, signals-fast, failed, late and context. */
    public static Topics of(String prefix) {
      return new Topics(
          prefix + "-events",
          prefix + "-signals",
          prefix + "-signals-fast",
          prefix + "-failed",
          prefix + "-late",
          prefix + "-context");
    }
  }

  /**
   * Creates the topics of {@code prefix}: events with {@code eventPartitions}, the rest with one.
   */
  public static Topics createTopics(
      KafkaTestCluster kafka, String prefix, int eventPartitions, String... extra)
      throws Exception {
    Topics t = Topics.of(prefix);
    kafka.createTopics(eventPartitions, t.events());
    List<String> rest =
        new ArrayList<>(List.of(t.signals(), t.fast(), t.failed(), t.late(), t.context()));
    rest.addAll(List.of(extra));
    kafka.createTopics(1, rest.toArray(String[]::new));
    return t;
  }

  /** The {@code job} command on {@code t} from the earliest offsets, checkpointing, then extras. */
  public static String[] jobArgs(
      KafkaTestCluster kafka, Topics t, String checkpointInterval, Path dir, String... extra) {
    Map<String, String> set = new LinkedHashMap<>();
    set.put("frictionflow.kafka.bootstrap-servers", kafka.bootstrapServers());
    set.put("frictionflow.kafka.group-id", t.events());
    set.put("frictionflow.kafka.starting-offsets", "earliest");
    set.put("frictionflow.kafka.topics.events", t.events());
    set.put("frictionflow.kafka.topics.signals", t.signals());
    set.put("frictionflow.kafka.topics.signals-fast", t.fast());
    set.put("frictionflow.kafka.topics.events-failed", t.failed());
    set.put("frictionflow.kafka.topics.events-late", t.late());
    set.put("frictionflow.kafka.topics.session-context", t.context());
    set.put("frictionflow.kafka.transactional-id-prefix", t.signals());
    set.put("flink.execution.checkpointing.interval", checkpointInterval);
    set.put("flink.execution.checkpointing.dir", dir.resolve("chk").toUri().toString());
    List<String> args = new ArrayList<>(List.of("job", "--patterns", "patterns"));
    set.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /** Starts the job through the CLI's main entry in the background, as flink run would. */
  public static JobID startJob(MiniCluster flink, String... args) throws Exception {
    Set<JobID> before = new HashSet<>();
    flink.listJobs().get().forEach(j -> before.add(j.getJobId()));
    Thread t =
        new Thread(
            () ->
                FrictionFlow.execute(
                    new PrintWriter(new StringWriter()), new PrintWriter(System.err, true), args),
            "frictionflow-job-main");
    t.setDaemon(true);
    t.start();
    return Poll.until(
        "the job to be running",
        POLL_DEADLINE,
        () ->
            flink.listJobs().get().stream()
                .filter(j -> !before.contains(j.getJobId()))
                .filter(j -> j.getJobState() == JobStatus.RUNNING)
                .map(JobStatusMessage::getJobId)
                .findFirst());
  }

  /** Cancels every job not yet ended, so that a failed test does not hold the slots. */
  public static void cancelRunningJobs(MiniCluster flink) throws Exception {
    for (JobStatusMessage j : flink.listJobs().get()) {
      if (!j.getJobState().isTerminalState()) {
        flink.cancelJob(j.getJobId()).get();
      }
    }
  }

  /** The detectors of the catalog under {@code patterns/}, with no overrides. */
  public static List<Detector> detectors() throws Exception {
    return PatternCatalog.resolve(PatternCatalog.definitions(Path.of("patterns")), Map.of())
        .stream()
        .map(Detector::of)
        .toList();
  }

  /** A signal as {@code pattern|session|event ids}, its timing fields left out. */
  public static String signalKey(JsonNode s) {
    return s.get("pattern_id").asText()
        + "|"
        + s.get("session_id").asText()
        + "|"
        + s.get("event_ids");
  }

  /** The JSON tree of {@code json}; fails the test on text that is not JSON. */
  public static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON tree of {@code json}, or null for text that is not JSON. */
  public static JsonNode treeOrNull(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      return null;
    }
  }
}
