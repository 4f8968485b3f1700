package io.frictionflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The demo's events for {@code --watch}: a file of canonical events replayed round after round at a
 * fixed rate until the job is stopped, so that a pattern edit meets new sessions. Round {@code r >
 * 0} is the file with {@code -r<r>} appended to every session and event id and every time moved
 * {@code r} rounds later, a round being the file's span plus the session timeout and a minute: each
 * round's sessions end in the job before the next round's begin, and no event is behind the
 * watermark that was not in the file. Lines that are not a JSON object with a numeric {@code ts}
 * (the sample's deliberately broken records) are replayed as they are. The position is the
 * generator's index, checkpointed by {@link DataGeneratorSource}.
 */
final class SampleReplay implements GeneratorFunction<Long, byte[]> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Events further back than this from the file's newest are not part of its span. */
  private static final long SPAN_HORIZON_MS = Duration.ofDays(1).toMillis();

  private final String file;
  private final long gapMs;
  private transient List<String> lines;
  private transient long roundMs;

  private SampleReplay(String file, Duration gap) {
    this.file = file;
    this.gapMs = gap.toMillis();
  }

  /**
   * A source replaying {@code file} at {@code perSecond} events a second until stopped.
   *
   * @param sessionTimeout the job's, so each round's sessions end before the next begins
   */
  static DataGeneratorSource<byte[]> of(Path file, double perSecond, Duration sessionTimeout) {
    return new DataGeneratorSource<>(
        new SampleReplay(file.toAbsolutePath().toString(), sessionTimeout.plusMinutes(1)),
        Long.MAX_VALUE,
        RateLimiterStrategy.perSecond(perSecond),
        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
  }

  @Override
  public void open(SourceReaderContext readerContext) throws IOException {
    lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IOException("nothing to replay in " + file);
    }
    long max = Long.MIN_VALUE;
    for (String l : lines) {
      long ts = ts(l);
      max = ts == Long.MIN_VALUE ? max : Math.max(max, ts);
    }
    long min = max;
    for (String l : lines) {
      long ts = ts(l);
      if (ts != Long.MIN_VALUE && ts >= max - SPAN_HORIZON_MS) {
        min = Math.min(min, ts);
      }
    }
    roundMs = (max - min) + gapMs;
  }

  @Override
  public byte[] map(Long index) throws Exception {
    long round = index / lines.size();
    String line = lines.get((int) (index % lines.size()));
    if (round > 0 && ts(line) != Long.MIN_VALUE) {
      ObjectNode e = (ObjectNode) JSON.readTree(line);
      String suffix = "-r" + round;
      e.put("ts", e.get("ts").asLong() + round * roundMs);
      if (e.get("session_id") != null && e.get("session_id").isTextual()) {
        e.put("session_id", e.get("session_id").asText() + suffix);
      }
      if (e.get("event_id") != null && e.get("event_id").isTextual()) {
        e.put("event_id", e.get("event_id").asText() + suffix);
      }
      line = JSON.writeValueAsString(e);
    }
    return line.getBytes(StandardCharsets.UTF_8);
  }

  /** The line's numeric {@code ts}, or {@link Long#MIN_VALUE} when it has none. */
  private static long ts(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      return n instanceof ObjectNode o && o.get("ts") != null && o.get("ts").isIntegralNumber()
          ? o.get("ts").asLong()
          : Long.MIN_VALUE;
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
