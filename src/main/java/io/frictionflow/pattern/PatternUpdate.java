package io.frictionflow.pattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One edit of the catalog a running job receives: a pattern file's text under its id (a record of
 * the patterns topic, or a file of a watched directory), or, with {@code text} null, the pattern's
 * removal. {@link #resolve} turns it into what the job runs, the way the job binds its catalog at
 * the start. Pure; a Flink POJO (a record).
 *
 * @param patternId the pattern's id (the record's key); the file's {@code id:} must be the same
 * @param text the file's text, or null for a removal
 * @param origin where the text comes from, named in its errors (a watched file's path); null for
 *     the patterns topic ({@code patterns-topic:ID})
 */
public record PatternUpdate(String patternId, String text, String origin) {

  /** An update from the patterns topic. */
  public PatternUpdate(String patternId, String text) {
    this(patternId, text, null);
  }

  /** A removal of {@code patternId}. */
  public static PatternUpdate removal(String patternId) {
    return new PatternUpdate(patternId, null);
  }

  /** Whether the update removes the pattern. */
  public boolean isRemoval() {
    return text == null;
  }

  /**
   * What an update means for the job.
   *
   * @param spec the pattern to run, bound with the job's parameters; null when it runs none (a
   *     removal, or a file that is {@code enabled: false} or turned off with {@code --param})
   * @param error why the update cannot be run (a parse, parameter or FlinkCEP error, with file,
   *     line and field); null when it can
   */
  public record Resolved(PatternSpec spec, String error) {
    /** Whether the update can be applied. */
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Parses, checks with FlinkCEP under every profile, and binds the job's parameters.
   *
   * @param params the job's {@code --param} settings ({@code PATTERN_ID.NAME=VALUE}, all patterns);
   *     those of this pattern apply
   */
  public Resolved resolve(Map<String, String> params) {
    if (patternId == null || patternId.isBlank()) {
      return new Resolved(null, "a pattern update needs the pattern id as its key");
    }
    if (text == null) {
      return new Resolved(null, null);
    }
    String file = origin != null ? origin : "patterns-topic:" + patternId;
    List<PatternError> errors = new ArrayList<>();
    try {
      PatternDefinition def = PatternParser.parse(file, text, errors);
      if (def != null && !def.id().equals(patternId)) {
        errors.add(
            new PatternError(
                file,
                1,
                "id",
                "the file's id '" + def.id() + "' is not the record key '" + patternId + "'"));
      }
      if (def == null || !errors.isEmpty() || !PatternCatalog.checkWithFlink(def, errors)) {
        return new Resolved(null, describe(errors));
      }
      Map<String, String> mine = new LinkedHashMap<>();
      params.forEach(
          (k, v) -> {
            if (k.startsWith(patternId + ".")) {
              mine.put(k, v);
            }
          });
      List<PatternSpec> specs = PatternCatalog.resolve(List.of(def), mine);
      return new Resolved(specs.isEmpty() ? null : specs.get(0), null);
    } catch (MalformedPatternException e) {
      errors.addAll(e.errors());
      return new Resolved(null, describe(errors));
    } catch (RuntimeException e) {
      // Whatever a file does to the parser or compiler, the job keeps running what it has.
      return new Resolved(null, file + ": cannot compile: " + e);
    }
  }

  private static String describe(List<PatternError> errors) {
    if (errors.isEmpty()) {
      return "the file cannot be used";
    }
    return errors.stream().map(PatternError::toString).collect(Collectors.joining("; "));
  }
}
