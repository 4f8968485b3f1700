package io.frictionflow.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The Flink REST API calls a platform team makes: upload a jar, run it (optionally from a
 * savepoint), watch a job, stop it with a savepoint, cancel it. Every wait is a poll with a
 * deadline.
 */
final class FlinkRest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  // A jar run answers once the program's main has submitted the job.
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  FlinkRest(String base) {
    this.base = base;
  }

  /** What a run request answered: the job id, or the error the cluster gave. */
  record RunResult(String jobId, int status, String body) {}

  /** POST /jars/upload; returns the jar id. */
  String upload(Path jar) throws Exception {
    String boundary = "frictionflow-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode n = expect(r, 200);
    String file = n.get("filename").asText();
    return file.substring(file.lastIndexOf('/') + 1);
  }

  /**
   * POST /jars/:id/run.
   *
   * @param savepoint the savepoint to restore, or null
   */
  RunResult run(
      String jarId, List<String> args, int parallelism, String savepoint, boolean allowNonRestored)
      throws Exception {
    ObjectNode req = JSON.createObjectNode();
    req.set("programArgsList", JSON.valueToTree(args));
    req.put("parallelism", parallelism);
    if (savepoint != null) {
      req.put("savepointPath", savepoint);
      req.put("allowNonRestoredState", allowNonRestored);
    }
    HttpResponse<String> r = post("/jars/" + jarId + "/run", req);
    if (r.statusCode() != 200) {
      return new RunResult(null, r.statusCode(), r.body());
    }
    return new RunResult(JSON.readTree(r.body()).get("jobid").asText(), 200, r.body());
  }

  /** GET /jobs/:id. */
  JsonNode job(String jobId) throws Exception {
    return expect(get("/jobs/" + jobId), 200);
  }

  /** Waits until the job and every one of its tasks run. */
  void awaitRunning(String jobId, Duration deadline) throws Exception {
    awaitJob(
        jobId,
        j -> {
          if (!"RUNNING".equals(j.get("state").asText())) {
            return false;
          }
          for (JsonNode v : j.get("vertices")) {
            if (!"RUNNING".equals(v.get("status").asText())) {
              return false;
            }
          }
          return true;
        },
        "all tasks RUNNING",
        deadline);
  }

  /** Waits until the job is in a terminal state and returns it. */
  String awaitTerminal(String jobId, Duration deadline) throws Exception {
    JsonNode j =
        awaitJob(
            jobId,
            n -> List.of("FINISHED", "FAILED", "CANCELED").contains(n.get("state").asText()),
            "a terminal state",
            deadline);
    return j.get("state").asText();
  }

  private JsonNode awaitJob(String jobId, Predicate<JsonNode> done, String what, Duration deadline)
      throws Exception {
    return Poll.until(
        "job " + jobId + " to reach " + what,
        deadline,
        () -> {
          JsonNode j = job(jobId);
          if (!done.test(j) && "FAILED".equals(j.get("state").asText())) {
            throw new AssertionError("job " + jobId + " failed: " + exceptions(jobId));
          }
          return j;
        },
        done);
  }

  /** Waits until {@code n} more checkpoints of the job have completed than when called. */
  void awaitCheckpoints(String jobId, int n, Duration deadline) throws Exception {
    long start = completedCheckpoints(jobId);
    Poll.until(
        n + " more checkpoints of " + jobId + " than " + start,
        deadline,
        () -> completedCheckpoints(jobId),
        completed -> completed >= start + n);
  }

  private long completedCheckpoints(String jobId) throws Exception {
    return expect(get("/jobs/" + jobId + "/checkpoints"), 200)
        .get("counts")
        .get("completed")
        .asLong();
  }

  /** GET /jobs/:id/exceptions: the root exception, for failure messages. */
  String exceptions(String jobId) throws Exception {
    return get("/jobs/" + jobId + "/exceptions").body();
  }

  /**
   * POST /jobs/:id/stop (stop with a savepoint, without draining: no final watermark, so open
   * windows and partial matches stay open in the savepoint); returns the savepoint's path once the
   * job has stopped.
   */
  String stopWithSavepoint(String jobId, Path directory, Duration deadline) throws Exception {
    ObjectNode req = JSON.createObjectNode();
    req.put("targetDirectory", directory.toUri().toString());
    req.put("drain", false);
    String trigger = expect(post("/jobs/" + jobId + "/stop", req), 202).get("request-id").asText();
    JsonNode s =
        Poll.until(
            "the savepoint of job " + jobId,
            deadline,
            () -> expect(get("/jobs/" + jobId + "/savepoints/" + trigger), 200),
            n -> "COMPLETED".equals(n.get("status").get("id").asText()));
    JsonNode op = s.get("operation");
    if (op.has("failure-cause")) {
      throw new AssertionError("stop-with-savepoint failed: " + op.get("failure-cause"));
    }
    String location = op.get("location").asText();
    String state = awaitTerminal(jobId, deadline);
    if (!"FINISHED".equals(state)) {
      throw new AssertionError("job " + jobId + " ended " + state + " after its savepoint");
    }
    return location;
  }

  /** PATCH /jobs/:id?mode=cancel and wait until it is cancelled. */
  void cancel(String jobId, Duration deadline) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(REQUEST_TIMEOUT)
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(r, 202);
    awaitTerminal(jobId, deadline);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, JsonNode body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode expect(HttpResponse<String> r, int status) throws IOException {
    if (r.statusCode() != status) {
      throw new AssertionError(
          r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }
}
