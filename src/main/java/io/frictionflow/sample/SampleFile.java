package io.frictionflow.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the bundled demo file {@code src/main/resources/samples/sessions.jsonl}: generated
 * sessions as a tracker would deliver them, with a little out-of-order delivery, tracker retries
 * (duplicate event ids) and a few malformed records.
 *
 * <p>{@code java -cp ... io.frictionflow.sample.SampleFile OUT [SESSIONS] [SEED]}
 */
public final class SampleFile {
  /** The malformed records, one per kind of rejection. */
  static final List<String> MALFORMED =
      List.of(
          "this is not json",
          "{\"event_id\":\"bad-1\",\"type\":\"click\",\"ts\":1772442000000}",
          "{\"event_id\":\"bad-2\",\"session_id\":\"sess-x\",\"type\":\"click\",\"ts\":\"yesterday\"}",
          "{\"event_id\":\"bad-3\",\"session_id\":\"sess-x\",\"type\":\"click\",\"ts\":1772442000000,\"x\":\"left\"}",
          "{\"event_id\":\"bad-4\",\"session_id\":\"sess-x\",\"type\":\"page_view\",\"ts\":86400000}");

  private SampleFile() {}

  /** The lines of the sample: sessions in delivery order, with retries and malformed records. */
  public static List<String> lines(int sessions, long seed) {
    SessionGenerator gen =
        new SessionGenerator(seed, Instant.parse("2026-03-02T09:00:00Z").toEpochMilli());
    List<ObjectNode> events =
        SessionGenerator.interleave(gen.sessions(sessions, 0.25, 20 * 60_000L));
    SplittableRandom random = new SplittableRandom(seed + 1);
    List<String> out = new ArrayList<>();
    for (ObjectNode e : events) {
      out.add(e.toString());
    }
    // Out-of-order delivery: swap some neighbours less than a second apart.
    for (int i = 1; i < events.size(); i++) {
      long gap = events.get(i).get("ts").asLong() - events.get(i - 1).get("ts").asLong();
      if (gap < 1000 && random.nextInt(50) == 0) {
        Collections.swap(out, i - 1, i);
      }
    }
    // Tracker retries: about one event in 200 arrives twice, a few records later.
    List<String> withRetries = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (String line : out) {
      withRetries.add(line);
      if (!pending.isEmpty() && random.nextInt(3) == 0) {
        withRetries.add(pending.remove(0));
      }
      if (random.nextInt(200) == 0) {
        pending.add(line);
      }
    }
    withRetries.addAll(pending);
    int step = withRetries.size() / (MALFORMED.size() + 1);
    for (int i = 0; i < MALFORMED.size(); i++) {
      withRetries.add((i + 1) * step + i, MALFORMED.get(i));
    }
    return withRetries;
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/samples/sessions.jsonl");
    int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20260302L;
    Files.write(out, lines(sessions, seed), StandardCharsets.UTF_8);
  }
}
