package io.frictionflow.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.sample.SessionGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded corpus of bad input interleaved with good events that fire patterns: truncated JSON,
 * wrong types, 1 MB strings, nesting 10,000 deep, invalid UTF-8, NUL bytes, out-of-range numbers,
 * far and near future times, missing fields, trailing data, duplicate keys and random damage; plus
 * lines that are not bad but must not disturb detection either: unknown event types (accepted, in
 * sessions of their own) and repeated event ids with another body (dropped as duplicates). Every
 * bad line carries the reason and field it must be rejected with.
 */
public final class BadInputCorpus {
  /** What a line is. */
  public enum Kind {
    /** A good event of a generated session. */
    GOOD,
    /** Must be rejected with {@link Line#reason()} at {@link Line#field()}. */
    BAD,
    /** A good event's id again, with another body, right after it: a duplicate. */
    DUPLICATE,
    /** A well-formed event of an unknown type, in a session of its own: accepted. */
    UNKNOWN_TYPE
  }

  /**
   * One line of the corpus.
   *
   * @param key the Kafka key: the session id, or a spread of keys for bad lines
   * @param reason for bad lines the expected failure reason, else null
   * @param field for bad lines the expected field path, else null
   */
  public record Line(byte[] bytes, String key, Kind kind, String reason, String field) {}

  /** The generated lines and the ids of the good sessions. */
  public record Corpus(List<Line> lines, List<String> goodSessions) {
    /** The lines of one kind. */
    public List<Line> of(Kind kind) {
      return lines.stream().filter(l -> l.kind() == kind).toList();
    }
  }

  private final Random random;
  private final long now;
  private final EventDecoder decoder = new EventDecoder(DecoderSettings.of(64 * 1024));
  private int hugeStrings;
  private int deepNesting;

  private BadInputCorpus(long seed, Instant now) {
    this.random = new Random(seed);
    this.now = now.toEpochMilli();
  }

  /**
   * Generates the corpus.
   *
   * @param sessions generated sessions (about 50 events each, half with a friction scenario)
   * @param bad how many bad lines
   * @param now the time future-dated lines are dated from
   */
  public static Corpus generate(long seed, int sessions, int bad, Instant now) {
    return new BadInputCorpus(seed, now).build(sessions, bad);
  }

  private Corpus build(int sessions, int badCount) {
    SessionGenerator gen =
        new SessionGenerator(
            random.nextLong(), Instant.parse("2026-03-02T09:00:00Z").toEpochMilli());
    List<SessionGenerator.Session> generated = gen.sessions(sessions, 0.5, 20 * 60_000L);
    List<ObjectNode> good = SessionGenerator.interleave(generated);
    List<Line> lines = new ArrayList<>();
    int unknown = 0;
    for (ObjectNode e : good) {
      String session = e.get("session_id").asText();
      lines.add(line(e.toString(), session, Kind.GOOD, null, null));
      if (random.nextInt(50) == 0) {
        ObjectNode other = e.deepCopy();
        other.put("type", "click");
        other.put("x", random.nextInt(1000));
        other.putObject("target").put("selector", "#other").put("tag", "a");
        lines.add(line(other.toString(), session, Kind.DUPLICATE, null, null));
      }
      if (random.nextInt(50) == 0) {
        ObjectNode u = e.deepCopy();
        String s = "unknown-" + unknown;
        u.put("event_id", s + "-e");
        u.put("session_id", s);
        u.put("type", "video_play_" + unknown++);
        lines.add(line(u.toString(), s, Kind.UNKNOWN_TYPE, null, null));
      }
    }
    for (int i = 0; i < badCount; i++) {
      ObjectNode base = good.get(random.nextInt(good.size())).deepCopy();
      Line b = bad(i, base);
      // Anywhere in the file: bad lines carry no time, so where they fall must not matter.
      lines.add(random.nextInt(lines.size() + 1), b);
    }
    return new Corpus(
        List.copyOf(lines), generated.stream().map(SessionGenerator.Session::id).sorted().toList());
  }

  private Line bad(int i, ObjectNode e) {
    String key = "bad-" + (i % 7);
    String json = e.toString();
    switch (i % 12) {
      case 0 -> {
        // Truncated JSON.
        return line(json.substring(0, 1 + random.nextInt(json.length() - 1)), key, "not_json", "");
      }
      case 1 -> {
        return wrongType(e, key);
      }
      case 2 -> {
        // Invalid UTF-8 somewhere in the record.
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        byte[][] junk = {
          {(byte) 0xff},
          {(byte) 0xc3, 'x'},
          {(byte) 0xc0, (byte) 0x80},
          {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          {(byte) 0x80},
          {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
        };
        return bytes(insert(b, random.nextInt(b.length), junk[random.nextInt(junk.length)]), key);
      }
      case 3 -> {
        // NUL bytes: after the object, inside it, or nothing else.
        return switch (random.nextInt(3)) {
          case 0 -> line(json + "\u0000", key, "not_json", "");
          case 1 -> {
            int at = 1 + random.nextInt(json.length() - 1);
            yield line(json.substring(0, at) + "\u0000" + json.substring(at), key, "not_json", "");
          }
          default -> line("\u0000".repeat(1 + random.nextInt(20)), key, "not_json", "");
        };
      }
      case 4 -> {
        return outOfRange(e, key);
      }
      case 5 -> {
        return future(e, key);
      }
      case 6 -> {
        if (hugeStrings < 5) {
          hugeStrings++;
          // 1 MB of text: just under Kafka's default record limit, far over the job's.
          e.put("pad", "x".repeat(1_000_000 - json.length() - 10));
          return line(e.toString(), key, "oversized", "");
        }
        if (deepNesting++ >= 100) {
          // A hundred of these (20 to 60 kB each) are enough; more would only slow the test.
          return mangled(json, key);
        }
        // Nesting 10,000 deep, in props (objects or arrays), well under the size limit.
        String deep =
            random.nextBoolean()
                ? "[".repeat(10_000) + "]".repeat(10_000)
                : "{\"a\":".repeat(9_999) + "1" + "}".repeat(9_999);
        e.remove("props");
        String rest = e.toString();
        return line(
            rest.substring(0, rest.length() - 1) + ",\"props\":{\"d\":" + deep + "}}",
            key,
            "too_deep",
            "");
      }
      case 7 -> {
        return switch (random.nextInt(5)) {
          case 0 -> {
            e.remove("session_id");
            yield line(e.toString(), key, "missing_field", "session_id");
          }
          case 1 -> {
            e.put("type", " ");
            yield line(e.toString(), key, "missing_field", "type");
          }
          case 2 -> {
            e.put("ts", "yesterday");
            yield line(e.toString(), key, "bad_timestamp", "ts");
          }
          case 3 -> {
            e.put("sent_at", "2026-13-45T99:00:00Z");
            yield line(e.toString(), key, "bad_timestamp", "sent_at");
          }
          default -> {
            e.put("ts", 86_400_000L);
            yield line(e.toString(), key, "absurd_timestamp", "ts");
          }
        };
      }
      case 8 -> {
        String[] notAnObject = {"", "   ", "[1,2]", "null", "\"event\"", "42", "{broken", "}{"};
        return line(notAnObject[random.nextInt(notAnObject.length)], key, "not_json", "");
      }
      case 9 -> {
        // Trailing data after the object, or a key given twice.
        return switch (random.nextInt(3)) {
          case 0 -> line(json + " " + json, key, "not_json", "");
          case 1 -> line(json + "x", key, "not_json", "");
          default -> line("{\"session_id\":\"other\"," + json.substring(1), key, "not_json", "");
        };
      }
      default -> {
        return mangled(json, key);
      }
    }
  }

  private Line wrongType(ObjectNode e, String key) {
    String field;
    switch (random.nextInt(8)) {
      case 0 -> {
        e.put("event_id", 42);
        field = "event_id";
      }
      case 1 -> {
        e.put("session_id", true);
        field = "session_id";
      }
      case 2 -> {
        e.put("x", "ten");
        field = "x";
      }
      case 3 -> {
        e.put("target", "#buy");
        field = "target";
      }
      case 4 -> {
        e.putObject("page").put("path", 5);
        field = "page.path";
      }
      case 5 -> {
        e.putObject("viewport").put("w", 1.5);
        field = "viewport.w";
      }
      case 6 -> {
        e.putArray("props").add(1);
        field = "props";
      }
      default -> {
        e.putObject("target").put("new_tab", "yes");
        field = "target.new_tab";
      }
    }
    return line(e.toString(), key, "wrong_type", field);
  }

  private Line outOfRange(ObjectNode e, String key) {
    String[][] cases = {
      {"x", "1e400", "out_of_range", "x"},
      {"y", "-1e400", "out_of_range", "y"},
      {"ts", "1e400", "absurd_timestamp", "ts"},
      {"ts", "-1", "absurd_timestamp", "ts"},
      {"viewport", "{\"w\":1000000000000}", "out_of_range", "viewport.w"},
      {
        "pointer", "{\"duration_ms\":" + "9".repeat(30) + "}", "out_of_range", "pointer.duration_ms"
      },
      {"scroll", "{\"dy\":1e309}", "out_of_range", "scroll.dy"},
      {"x", "1" + "0".repeat(200), "out_of_range", ""}
    };
    String[] c = cases[random.nextInt(cases.length)];
    e.put(c[0], "__VALUE__");
    return line(e.toString().replace("\"__VALUE__\"", c[1]), key, c[2], c[3]);
  }

  private Line future(ObjectNode e, String key) {
    switch (random.nextInt(5)) {
      case 0 -> e.put("ts", now + 120_000); // two minutes ahead: near
      case 1 -> e.put("ts", now + 3_600_000);
      case 2 -> e.put("ts", "2099-06-01T00:00:00Z"); // far, but before 2100
      case 3 -> e.put("ts", Instant.ofEpochMilli(now + 86_400_000L).toString());
      default -> {
        // The client's received_at, not trusted, skews the time a day ahead.
        long ts = e.get("ts").asLong();
        e.put("sent_at", ts);
        e.put("received_at", now + 86_400_000L);
      }
    }
    return line(e.toString(), key, "future_time", "ts");
  }

  /** Random damage, kept only if the decoder rejects it; the reason is the decoder's. */
  private Line mangled(String json, String key) {
    while (true) {
      byte[] b = Mangler.mangle(json, random).getBytes(StandardCharsets.UTF_8);
      try {
        decoder.decodeRecord(b, now, 0L);
      } catch (DecodeException x) {
        return new Line(b, key, Kind.BAD, x.reason().label(), x.field());
      }
    }
  }

  private static Line bytes(byte[] b, String key) {
    return new Line(b, key, Kind.BAD, "not_json", "");
  }

  private static byte[] insert(byte[] b, int at, byte[] junk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + junk.length);
    out.write(b, 0, at);
    out.write(junk, 0, junk.length);
    out.write(b, at, b.length - at);
    return out.toByteArray();
  }

  private static Line line(String text, String key, Kind kind, String reason, String field) {
    return new Line(text.getBytes(StandardCharsets.UTF_8), key, kind, reason, field);
  }

  private static Line line(String text, String key, String reason, String field) {
    return line(text, key, Kind.BAD, reason, field);
  }
}
