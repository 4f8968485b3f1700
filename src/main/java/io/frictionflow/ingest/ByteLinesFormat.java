package io.frictionflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a file as lines of raw bytes, split at {@code \n} (a {@code \r} before it is dropped), with
 * no character decoding: the decoder checks UTF-8 itself, exactly as it does for a Kafka record, so
 * a bad byte rejects its line instead of being replaced. A line longer than the record limit is
 * kept only up to one byte past the limit (enough for the decoder to reject it as oversized) and
 * the rest is skipped, so one endless line cannot exhaust memory.
 */
public final class ByteLinesFormat extends SimpleStreamFormat<byte[]> {
  private static final long serialVersionUID = 1L;
  private final int maxBytes;

  /**
   * @param maxBytes the record limit; longer lines are cut at one byte more
   */
  public ByteLinesFormat(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public StreamFormat.Reader<byte[]> createReader(Configuration config, FSDataInputStream stream) {
    return new LineReader(stream, maxBytes + 1);
  }

  @Override
  public TypeInformation<byte[]> getProducedType() {
    return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
  }

  /** Splits a stream into byte lines; keeps at most {@code keep} bytes of each. */
  static final class LineReader implements StreamFormat.Reader<byte[]> {
    private final InputStream in;
    private final int keep;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];

    LineReader(InputStream in, int keep) {
      this.in = in;
      this.keep = keep;
    }

    @Override
    public byte[] read() throws IOException {
      int kept = 0;
      long total = 0;
      while (true) {
        if (pos == limit) {
          int n = in.read(buf, 0, buf.length);
          if (n <= 0) {
            // End of input: a last line without a newline still counts; nothing after one does.
            return total == 0 ? null : finish(kept, total);
          }
          pos = 0;
          limit = n;
        }
        int start = pos;
        while (pos < limit && buf[pos] != '\n') {
          pos++;
        }
        int len = pos - start;
        total += len;
        int room = Math.min(len, keep - kept);
        if (room > 0) {
          if (kept + room > line.length) {
            line = Arrays.copyOf(line, Math.min(keep, Math.max(kept + room, line.length * 2)));
          }
          System.arraycopy(buf, start, line, kept, room);
          kept += room;
        }
        if (pos < limit) {
          pos++; // the newline
          return finish(kept, total);
        }
      }
    }

    private byte[] finish(int kept, long total) {
      int n = kept;
      // A cut line keeps its bytes as read; a whole one loses the \r of a \r\n ending.
      if (total == kept && n > 0 && line[n - 1] == '\r') {
        n--;
      }
      return Arrays.copyOf(line, n);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
