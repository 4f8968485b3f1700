package io.frictionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.sample.SessionGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {
  @TempDir Path dir;

  @Test
  void writesTheSameInterleavedEventsAsTheGenerator() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Workload w = Workload.write(file, 7, 30, 0.25, 60_000);
    List<String> expected =
        SessionGenerator.interleave(
                new SessionGenerator(7, Workload.START).sessions(30, 0.25, 60_000))
            .stream()
            .map(Object::toString)
            .toList();
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(w.events()).isEqualTo(expected.size());
    assertThat(w.sessions()).isEqualTo(30);
    assertThat(w.peakConcurrent()).isBetween(1, 30);
  }

  @Test
  void theSameSeedWritesTheSameBytesAsTheSortingGeneratorDid() throws Exception {
    // SHA-256 of the file that Workload.write gave for these arguments when it sorted every event
    // in memory (commit fd6c200), and the figures it reported: the stream changes nothing.
    Path file = dir.resolve("events.jsonl");
    Workload w = Workload.write(file, 7, 1000, 0.25, 20 * 60_000L);
    String sha =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
    assertThat(sha).isEqualTo("7801d0ad1d481042d4528f0945f429a3827f4cdfbc746c203e012f402b4d161f");
    assertThat(w).isEqualTo(new Workload(51_931, 1000, 136, 1_939_897));
  }

  @Test
  void peakConcurrentCountsOverlappingSessions() {
    // [0,10] [5,15] [12,20] [30,40]: at most two at once.
    assertThat(Workload.peakConcurrent(new long[] {0, 5, 12, 30}, new long[] {10, 15, 20, 40}))
        .isEqualTo(2);
    // Sharing an instant counts as open at once.
    assertThat(Workload.peakConcurrent(new long[] {0, 10}, new long[] {10, 20})).isEqualTo(2);
  }

  @Test
  void replacesOnlyTheTopLevelTimestamp() {
    String line =
        "{\"event_id\":\"s-1\",\"session_id\":\"s\",\"type\":\"click\",\"ts\":1772442000123,"
            + "\"props\":{\"ts\":5}}";
    assertThat(Workload.withTimestamp(line, 42))
        .isEqualTo(
            "{\"event_id\":\"s-1\",\"session_id\":\"s\",\"type\":\"click\",\"ts\":42,"
                + "\"props\":{\"ts\":5}}");
  }
}
