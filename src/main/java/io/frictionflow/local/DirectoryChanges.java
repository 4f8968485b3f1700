package io.frictionflow.local;

import io.frictionflow.pattern.PatternUpdate;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What changed in a watched patterns directory, as {@link PatternUpdate}s: a created or changed
 * {@code *.yaml} / {@code *.yml} file is an update under the id its text names (its file name
 * without the extension when the text names none), a deleted one the removal of the id it was last
 * sent under, unless another file now holds that id. A file is sent once it reads the same on two
 * scans in a row, and counts as deleted once it is absent from two, so an editor's half-written
 * save or its delete-and-rename is not sent. Pure: the caller scans and keeps the state.
 */
public final class DirectoryChanges {
  private static final Pattern ID = Pattern.compile("(?m)^id:[ \\t]*[\"']?([^\"'\\s#]+)");

  private DirectoryChanges() {}

  /** One file as last sent (or as the job's catalog was loaded): the id and the text. */
  public record Sent(String patternId, String text) implements Serializable {}

  /**
   * The pattern files of {@code dir} by file name, with their text; a file that cannot be read now
   * (deleted under the scan) is left out.
   *
   * @throws UncheckedIOException when the directory cannot be listed
   */
  public static Map<String, String> scan(Path dir) {
    Map<String, String> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list pattern directory " + dir, e);
    }
    for (Path f : files) {
      try {
        if (Files.isRegularFile(f)) {
          out.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // Gone or half-replaced while listing: the next scan sees it settled.
      }
    }
    return out;
  }

  /** The files of {@code dir} as sent: what the job's catalog was loaded from at the start. */
  public static Map<String, Sent> snapshot(Path dir) {
    Map<String, Sent> out = new TreeMap<>();
    scan(dir).forEach((name, text) -> out.put(name, new Sent(idOf(text, name, null), text)));
    return out;
  }

  /**
   * The updates that bring what was sent up to date with the directory, in file name order (changes
   * before removals); records them in {@code sent}.
   *
   * @param dir the directory, to name each file in its update (the origin in its errors)
   * @param sent each file as last sent; updated in place
   * @param before the previous scan
   * @param now this scan
   */
  public static List<PatternUpdate> next(
      Path dir, Map<String, Sent> sent, Map<String, String> before, Map<String, String> now) {
    List<PatternUpdate> out = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(now).entrySet()) {
      String name = e.getKey();
      String text = e.getValue();
      Sent was = sent.get(name);
      if (!text.equals(before.get(name)) || (was != null && was.text().equals(text))) {
        continue; // not settled yet, or unchanged
      }
      String id = idOf(text, name, was);
      String origin = dir.resolve(name).toString();
      out.add(new PatternUpdate(id, text, origin));
      sent.put(name, new Sent(id, text));
      if (was != null && !was.patternId().equals(id) && !claimed(sent, was.patternId())) {
        out.add(new PatternUpdate(was.patternId(), null, origin));
      }
    }
    for (String name : new ArrayList<>(new TreeMap<>(sent).keySet())) {
      if (now.containsKey(name) || before.containsKey(name)) {
        continue;
      }
      Sent was = sent.remove(name);
      if (!claimed(sent, was.patternId())) {
        out.add(new PatternUpdate(was.patternId(), null, dir.resolve(name).toString()));
      }
    }
    return out;
  }

  /** The id a file's text names; else the id it was last sent under; else its file name. */
  static String idOf(String text, String name, Sent was) {
    Matcher m = ID.matcher(text);
    if (m.find()) {
      return m.group(1);
    }
    return was != null ? was.patternId() : name.replaceFirst("\\.ya?ml$", "");
  }

  private static boolean claimed(Map<String, Sent> sent, String id) {
    return sent.values().stream().anyMatch(s -> s.patternId().equals(id));
  }
}
