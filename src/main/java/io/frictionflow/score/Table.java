package io.frictionflow.score;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of named columns, one map per row: what the trainer and evaluator read. Values stay text;
 * numeric columns are those whose every value parses as a number.
 */
public record Table(List<String> columns, List<Map<String, String>> rows) {

  /**
   * Reads a CSV file with a header (commas, optional double quotes, CRLF or LF).
   *
   * @throws IllegalArgumentException naming the line that is wrong
   */
  public static Table readCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + ": empty");
    }
    List<String> header = split(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = split(line);
      if (cells.size() != header.size()) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": " + cells.size() + " cells, the header has " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), cells.get(c));
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  private static List<String> split(String line) {
    String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < l.length(); i++) {
      char ch = l.charAt(i);
      if (ch == '"') {
        if (quoted && i + 1 < l.length() && l.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (ch == ',' && !quoted) {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString().trim());
    return out;
  }

  /** Whether every value of {@code column} is a number. */
  public boolean numeric(String column) {
    for (Map<String, String> r : rows) {
      try {
        Double.parseDouble(r.get(column));
      } catch (NumberFormatException | NullPointerException e) {
        return false;
      }
    }
    return true;
  }

  /** A label value as 0/1: TRUE, true, 1, yes are 1. */
  public static int label(String v) {
    String s = v == null ? "" : v.trim().toLowerCase(java.util.Locale.ROOT);
    return s.equals("true") || s.equals("1") || s.equals("yes") || s.equals("1.0") ? 1 : 0;
  }
}
