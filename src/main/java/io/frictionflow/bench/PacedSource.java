package io.frictionflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The bench's paced source: replays a workload file at a fixed wall-clock rate ({@link
 * PaceSchedule}) with each event's {@code ts} replaced by the wall clock at the moment it is
 * emitted (minus its delay when the schedule's {@link Disorder} delays it), so event time and
 * watermarks follow the wall clock as in production. Run it at parallelism 1 (one reader reads the
 * file in order).
 *
 * <p>Before the last event the source holds: it creates {@code paused} in the handshake directory
 * and waits until {@code resume} appears there (or ten minutes pass). While it holds, every session
 * of the workload is open in the job's state, and the bench takes its state measurements. A file
 * handshake, not a shared static, so nothing depends on the source running in the caller's JVM.
 */
public final class PacedSource {
  /** Created by the source when it holds before the last event. */
  public static final String PAUSED = "paused";

  /** Created by the bench to let the source emit the last event and finish. */
  public static final String RESUME = "resume";

  private static final Duration MAX_HOLD = Duration.ofMinutes(10);

  private PacedSource() {}

  /**
   * A source of {@code file}'s lines, paced by {@code schedule} in its {@link Disorder}'s arrival
   * order: {@code events} is the lines plus the retried copies ({@link Workload#retriedCopies}).
   */
  public static DataGeneratorSource<byte[]> of(
      Path file, long events, PaceSchedule schedule, Path handshake) {
    return new DataGeneratorSource<>(
        new LineReplay(file.toString(), schedule.disorder(), schedule.eventsPerSecond()),
        events,
        new ScheduleStrategy(schedule, events - 1, handshake.toString()),
        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
  }

  /**
   * Reads the file line by line, takes the lines in arrival order ({@link ArrivalOrder}) and stamps
   * each with the wall clock minus its delay: the time it happened.
   */
  static final class LineReplay implements GeneratorFunction<Long, byte[]> {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final Disorder disorder;
    private final double eventsPerSecond;
    private transient BufferedReader reader;
    private transient ArrivalOrder arrivals;
    private transient long next;

    LineReplay(String file, Disorder disorder, double eventsPerSecond) {
      this.file = file;
      this.disorder = disorder;
      this.eventsPerSecond = eventsPerSecond;
    }

    @Override
    public void open(SourceReaderContext readerContext) throws IOException {
      reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
      arrivals = new ArrivalOrder(reader.lines().iterator(), disorder, eventsPerSecond);
    }

    @Override
    public byte[] map(Long index) throws IOException {
      if (index != next) {
        // One reader, one split, no restore: indexes arrive in order.
        throw new IllegalStateException("expected event " + next + ", got " + index);
      }
      next++;
      if (!arrivals.hasNext()) {
        throw new IllegalStateException("workload file ended at event " + index);
      }
      ArrivalOrder.Arrival a = arrivals.next();
      // Bytes, as the job's file and Kafka sources hand them to the decoder.
      return Workload.withTimestamp(a.line(), System.currentTimeMillis() - a.delayMillis())
          .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
    }
  }

  /** Creates one {@link ScheduleLimiter} per reader. */
  static final class ScheduleStrategy implements RateLimiterStrategy<NumberSequenceSplit> {
    private static final long serialVersionUID = 1L;
    private final PaceSchedule schedule;
    private final long holdBefore;
    private final String handshake;

    ScheduleStrategy(PaceSchedule schedule, long holdBefore, String handshake) {
      this.schedule = schedule;
      this.holdBefore = holdBefore;
      this.handshake = handshake;
    }

    @Override
    public RateLimiter<NumberSequenceSplit> createRateLimiter(int parallelism) {
      return new ScheduleLimiter(schedule, holdBefore, Path.of(handshake));
    }
  }

  /**
   * Lets event {@code i} through at its due time; waits shorter than 0.2 ms are not slept, so the
   * pacing is exact to about that.
   */
  static final class ScheduleLimiter implements RateLimiter<NumberSequenceSplit> {
    private static final long SPIN_NANOS = 200_000;
    private final PaceSchedule schedule;
    private final long holdBefore;
    private final Path handshake;
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-pace");
              t.setDaemon(true);
              return t;
            });
    private long index;
    private long startNanos;

    ScheduleLimiter(PaceSchedule schedule, long holdBefore, Path handshake) {
      this.schedule = schedule;
      this.holdBefore = holdBefore;
      this.handshake = handshake;
    }

    @Override
    public CompletionStage<Void> acquire(int permits) {
      long i = index;
      index += permits;
      if (i == 0) {
        startNanos = System.nanoTime();
      }
      if (i == holdBefore) {
        return hold();
      }
      long wait = schedule.waitNanos(i, System.nanoTime() - startNanos);
      if (wait < SPIN_NANOS) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> due = new CompletableFuture<>();
      timer.schedule(() -> due.complete(null), wait, TimeUnit.NANOSECONDS);
      return due;
    }

    private CompletionStage<Void> hold() {
      try {
        Files.createDirectories(handshake);
        Files.writeString(handshake.resolve(PAUSED), "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      CompletableFuture<Void> resumed = new CompletableFuture<>();
      long deadline = System.nanoTime() + MAX_HOLD.toNanos();
      timer.scheduleWithFixedDelay(
          () -> {
            if (Files.exists(handshake.resolve(RESUME)) || System.nanoTime() > deadline) {
              resumed.complete(null);
              throw new IllegalStateException("done"); // cancels this periodic check
            }
          },
          10,
          10,
          TimeUnit.MILLISECONDS);
      return resumed;
    }
  }
}
