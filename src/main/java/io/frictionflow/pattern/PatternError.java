package io.frictionflow.pattern;

/**
 * One author error in a pattern file.
 *
 * @param file the file as the author named it
 * @param line 1-based line of the offending field, or 0 when unknown
 * @param path field path inside the file, e.g. {@code stages[1].where.lt}
 * @param message what is wrong and, where possible, how to fix it
 */
public record PatternError(String file, int line, String path, String message) {
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line : file;
    return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
  }
}
