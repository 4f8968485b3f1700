package io.frictionflow.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack of {@code bin/frictionflow cluster}: a standalone Flink session cluster and a
 * Kafka broker, each its own process on loopback, started and stopped through the same script a
 * user runs, on free ports and in a directory of the test's.
 */
final class LocalStack implements AutoCloseable {
  private static final Path SCRIPT = Path.of("bin", "frictionflow").toAbsolutePath();
  private static final Duration START_DEADLINE = Duration.ofMinutes(8);

  private final Path dir;
  private final Map<String, String> env;
  final int restPort;
  final int kafkaPort;

  private LocalStack(Path dir) throws IOException {
    this.dir = dir;
    this.restPort = freePort();
    this.kafkaPort = freePort();
    this.env =
        Map.of(
            "FRICTIONFLOW_CLUSTER_DIR", dir.toString(),
            "FRICTIONFLOW_REST_PORT", Integer.toString(restPort),
            "FRICTIONFLOW_RPC_PORT", Integer.toString(freePort()),
            "FRICTIONFLOW_KAFKA_PORT", Integer.toString(kafkaPort),
            "FRICTIONFLOW_CONTROLLER_PORT", Integer.toString(freePort()),
            "FRICTIONFLOW_TM_MEMORY", "2048m");
  }

  /**
   * Starts Kafka, then the JobManager, then the TaskManager; returns when the TaskManager is up.
   */
  static LocalStack start(Path dir) throws Exception {
    LocalStack stack = new LocalStack(dir);
    try {
      stack.run(START_DEADLINE, "cluster", "start");
    } catch (Exception | AssertionError e) {
      // Whatever did start (Kafka, the JobManager) must not outlive the build.
      stack.close();
      throw e;
    }
    return stack;
  }

  String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  Path savepoints() {
    return dir.resolve("savepoints");
  }

  /** Runs the launcher with this stack's environment; fails with its output on a non-zero exit. */
  String run(Duration deadline, String... args) throws Exception {
    Path log = Files.createTempFile(dir.getParent(), "launcher", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(concat(List.of(SCRIPT.toString()), List.of(args)).toArray(String[]::new))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(
          "bin/frictionflow " + String.join(" ", args) + " did not finish within " + deadline);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(
          "bin/frictionflow "
              + String.join(" ", args)
              + " exited "
              + p.exitValue()
              + ":\n"
              + out
              + "\n"
              + logs());
    }
    return out;
  }

  /** The tail of the JobManager's and TaskManager's logs, for a failure message. */
  String logs() {
    StringBuilder sb = new StringBuilder();
    for (String name : List.of("jobmanager.log", "taskmanager.log")) {
      Path f = dir.resolve("log").resolve(name);
      try {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        sb.append("--- ").append(name).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 60), lines.size())
            .forEach(l -> sb.append(l).append('\n'));
      } catch (IOException e) {
        sb.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws Exception {
    run(Duration.ofMinutes(2), "cluster", "stop");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
