package io.frictionflow.local;

import io.frictionflow.pattern.PatternUpdate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pattern updates of a watched directory ({@code --watch}): scans it every {@link #INTERVAL}
 * and emits each settled change as a {@link PatternUpdate} ({@link DirectoryChanges}), for the
 * detector's live input, the same input the patterns topic feeds in the cluster job. Unbounded; run
 * at parallelism 1 (one split).
 *
 * <p>State: the split holds every file as last emitted (name, id, text), taken at each checkpoint
 * together with the emission itself (both happen in the reader's {@code pollNext}), so after a
 * restore the reader emits only what changed since the checkpoint, and the detector's broadcast
 * state holds what was applied before. Before the first checkpoint the split holds the files as the
 * job's catalog was loaded from them, so an edit made while the job starts is not lost.
 *
 * <p>Why polling, not {@link java.nio.file.WatchService}: on Linux the watch service is inotify and
 * would do, but on macOS the JDK's is itself a poller with a 10 s period; editors save by writing a
 * temporary file and renaming it (delete and create events, in either order); and events can
 * overflow. Reading a dozen small files every {@value #INTERVAL_MS} ms is cheap and gives the same
 * answer everywhere.
 */
public final class PatternsDirSource
    implements Source<PatternUpdate, PatternsDirSource.DirSplit, List<PatternsDirSource.DirSplit>> {
  private static final long serialVersionUID = 1L;

  static final long INTERVAL_MS = 200;

  /** How often the directory is scanned; a change is sent on the second scan that sees it. */
  public static final Duration INTERVAL = Duration.ofMillis(INTERVAL_MS);

  private final DirSplit initial;

  /**
   * @param dir the watched directory
   * @param loaded its files as the job's catalog was loaded ({@link DirectoryChanges#snapshot})
   */
  public PatternsDirSource(Path dir, Map<String, DirectoryChanges.Sent> loaded) {
    this.initial = new DirSplit(dir.toString(), new TreeMap<>(loaded));
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<DirSplit, List<DirSplit>> createEnumerator(
      SplitEnumeratorContext<DirSplit> context) {
    return new Enumerator(context, List.of(initial));
  }

  @Override
  public SplitEnumerator<DirSplit, List<DirSplit>> restoreEnumerator(
      SplitEnumeratorContext<DirSplit> context, List<DirSplit> checkpoint) {
    return new Enumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<DirSplit> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<List<DirSplit>> getEnumeratorCheckpointSerializer() {
    return new PendingSerializer();
  }

  @Override
  public SourceReader<PatternUpdate, DirSplit> createReader(SourceReaderContext context) {
    return new Reader();
  }

  /** The one split: the directory and each file as last emitted. */
  public record DirSplit(String dir, Map<String, DirectoryChanges.Sent> sent)
      implements SourceSplit, java.io.Serializable {
    @Override
    public String splitId() {
      return "patterns-dir";
    }
  }

  /** Hands the one split to the first reader; takes it back when that reader fails. */
  static final class Enumerator implements SplitEnumerator<DirSplit, List<DirSplit>> {
    private final SplitEnumeratorContext<DirSplit> context;
    private final List<DirSplit> pending;

    Enumerator(SplitEnumeratorContext<DirSplit> context, List<DirSplit> pending) {
      this.context = context;
      this.pending = new ArrayList<>(pending);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<DirSplit> splits, int subtaskId) {
      pending.addAll(splits);
      if (context.registeredReaders().containsKey(subtaskId)) {
        addReader(subtaskId);
      }
    }

    @Override
    public void addReader(int subtaskId) {
      for (DirSplit s : pending) {
        context.assignSplit(s, subtaskId);
      }
      pending.clear();
    }

    @Override
    public List<DirSplit> snapshotState(long checkpointId) {
      return List.copyOf(pending);
    }

    @Override
    public void close() {}
  }

  /** Scans on a timer and emits the settled changes (see the class comment). */
  static final class Reader implements SourceReader<PatternUpdate, DirSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(Reader.class);
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "patterns-dir-timer");
              t.setDaemon(true);
              return t;
            });
    private final CompletableFuture<Void> assigned = new CompletableFuture<>();
    private Path dir;
    private Map<String, DirectoryChanges.Sent> sent;
    private Map<String, String> before = Map.of();
    private long nextScan;
    private boolean unlisted;

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<PatternUpdate> output) {
      long now = System.currentTimeMillis();
      if (dir == null || now < nextScan) {
        return InputStatus.NOTHING_AVAILABLE;
      }
      nextScan = now + INTERVAL_MS;
      Map<String, String> scan;
      try {
        scan = DirectoryChanges.scan(dir);
      } catch (UncheckedIOException e) {
        // A directory gone for a moment (a checkout) must not read as every file deleted.
        if (!unlisted) {
          LOG.warn("cannot list the watched pattern directory {}, keeping the patterns", dir, e);
          unlisted = true;
        }
        return InputStatus.NOTHING_AVAILABLE;
      }
      unlisted = false;
      for (PatternUpdate u : DirectoryChanges.next(dir, sent, before, scan)) {
        output.collect(u);
      }
      before = scan;
      return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<DirSplit> snapshotState(long checkpointId) {
      return dir == null ? List.of() : List.of(new DirSplit(dir.toString(), new TreeMap<>(sent)));
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      if (dir == null) {
        return assigned;
      }
      long delay = nextScan - System.currentTimeMillis();
      if (delay <= 0) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> due = new CompletableFuture<>();
      timer.schedule(() -> due.complete(null), delay, TimeUnit.MILLISECONDS);
      return due;
    }

    @Override
    public void addSplits(List<DirSplit> splits) {
      for (DirSplit s : splits) {
        dir = Path.of(s.dir());
        sent = new TreeMap<>(s.sent());
      }
      assigned.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  /** Version 1: the directory, then each file's name, id and text. */
  static final class SplitSerializer implements SimpleVersionedSerializer<DirSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(DirSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        write(out, split);
      }
      return bytes.toByteArray();
    }

    @Override
    public DirSplit deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return read(in);
      }
    }

    static void write(DataOutputStream out, DirSplit split) throws IOException {
      writeString(out, split.dir());
      out.writeInt(split.sent().size());
      for (Map.Entry<String, DirectoryChanges.Sent> e : split.sent().entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue().patternId());
        writeString(out, e.getValue().text());
      }
    }

    static DirSplit read(DataInputStream in) throws IOException {
      String dir = readString(in);
      int n = in.readInt();
      Map<String, DirectoryChanges.Sent> sent = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        String name = readString(in);
        sent.put(name, new DirectoryChanges.Sent(readString(in), readString(in)));
      }
      return new DirSplit(dir, sent);
    }

    // Pattern files may be up to 1 MB: longer than writeUTF takes.
    private static void writeString(DataOutputStream out, String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  /** Version 1: the splits not yet assigned. */
  static final class PendingSerializer implements SimpleVersionedSerializer<List<DirSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<DirSplit> pending) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(pending.size());
        for (DirSplit s : pending) {
          SplitSerializer.write(out, s);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public List<DirSplit> deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<DirSplit> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          out.add(SplitSerializer.read(in));
        }
        return out;
      }
    }
  }
}
