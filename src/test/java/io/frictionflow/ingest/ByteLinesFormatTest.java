package io.frictionflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLinesFormatTest {
  private static List<String> lines(byte[] input, int keep) throws IOException {
    var reader = new ByteLinesFormat.LineReader(new ByteArrayInputStream(input), keep);
    List<String> out = new ArrayList<>();
    for (byte[] line = reader.read(); line != null; line = reader.read()) {
      out.add(new String(line, StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  @Test
  void splitsAtNewlinesDropsTheCrOfCrlfAndKeepsALastLineWithoutNewline() throws Exception {
    assertThat(lines("a\nb\r\n\nlast".getBytes(StandardCharsets.UTF_8), 100))
        .containsExactly("a", "b", "", "last");
    assertThat(lines("a\n".getBytes(StandardCharsets.UTF_8), 100)).containsExactly("a");
    assertThat(lines(new byte[0], 100)).isEmpty();
  }

  @Test
  void keepsBytesAsTheyAreWithoutDecoding() throws Exception {
    byte[] input = {'{', (byte) 0xff, 0, '}', '\n', (byte) 0xc3, (byte) 0xa9};
    List<String> out = lines(input, 100);
    assertThat(out.get(0).getBytes(StandardCharsets.ISO_8859_1))
        .containsExactly('{', (byte) 0xff, 0, '}');
    assertThat(out.get(1).getBytes(StandardCharsets.ISO_8859_1))
        .containsExactly((byte) 0xc3, (byte) 0xa9);
  }

  @Test
  void aLineBeyondTheLimitIsCutAndTheNextLineIsIntact() throws Exception {
    // Longer than the reader's 64 KiB buffer, so the cut spans refills.
    String longLine = "x".repeat(200_000);
    assertThat(lines((longLine + "\r\nnext\n").getBytes(StandardCharsets.UTF_8), 1001))
        .containsExactly("x".repeat(1001), "next");
  }
}
