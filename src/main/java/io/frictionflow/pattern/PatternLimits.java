package io.frictionflow.pattern;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The bounds a pattern file must stay within, so that no file (from the repository now, from a
 * topic later) can exhaust the job or the validator: each is checked with an error that names the
 * file, line and field. Documented in docs/patterns.md ("Limits").
 */
public final class PatternLimits {
  /** Largest pattern file, checked before it is read: a 20 MB scalar took 105 s to parse. */
  public static final int MAX_FILE_BYTES = 1024 * 1024;

  /**
   * Most repetitions of one pattern, all stages together: {@code times: 3} counts 3, {@code {min:
   * 2, max: 5}} 5, {@code at_least: 4} 5, any other stage 1. FlinkCEP builds about three NFA states
   * per repetition; {@code times: 30000} took 50 s to compile and a million never finished.
   */
  public static final int MAX_REPETITIONS = 1000;

  /** Most stages of one pattern: compiling 1,000 one-event stages under 50 profiles took 24 s. */
  public static final int MAX_STAGES = 50;

  /** Most profiles in one file: every profile is bound and compiled when the catalog loads. */
  public static final int MAX_PROFILES = 50;

  /** Longest duration anywhere in a pattern file (window, within, cooldown, bounds, offsets). */
  public static final Duration MAX_DURATION = Duration.ofDays(30);

  /** Longest regular expression, in characters. */
  public static final int MAX_REGEX_LENGTH = 1000;

  /**
   * Largest regular expression once its counted repetitions are unrolled (about RE2 instructions):
   * RE2/J runs in time linear in the text but proportional to this size for each character.
   */
  public static final int MAX_REGEX_SIZE = 1000;

  /** Deepest nesting of mappings and lists; the built-in catalog needs about ten. */
  public static final int MAX_NESTING = 64;

  private PatternLimits() {}

  /** The YAML reader of pattern files, with the parser's own limits set to the ones above. */
  static YAMLFactory yamlFactory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(MAX_FILE_BYTES);
    loader.setNestingDepthLimit(MAX_NESTING);
    loader.setMaxAliasesForCollections(10);
    loader.setAllowRecursiveKeys(false);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        // A key given twice is an author error, not a silent override.
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxDocumentLength(MAX_FILE_BYTES)
                .maxStringLength(MAX_FILE_BYTES)
                .maxNestingDepth(MAX_NESTING)
                .maxNumberLength(100)
                .build())
        .build();
  }
}
