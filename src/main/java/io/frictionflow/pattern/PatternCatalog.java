package io.frictionflow.pattern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a directory of pattern files, reports every author error of the whole catalog at once, and
 * binds profiles and overrides given as {@code PATTERN_ID.NAME=VALUE}.
 */
public final class PatternCatalog {
  /** Classpath folder of the catalog bundled in the jar, used when no directory is given. */
  public static final String BUNDLED = "patterns";

  private PatternCatalog() {}

  /**
   * Parses every {@code *.yaml} / {@code *.yml} file in {@code dir}, in name order.
   *
   * @throws MalformedPatternException with all errors of all files
   */
  public static List<PatternDefinition> definitions(Path dir) {
    Loaded loaded = load(dir);
    if (!loaded.errors().isEmpty()) {
      throw new MalformedPatternException(loaded.errors());
    }
    return loaded.definitions();
  }

  /**
   * The files that parsed and the errors of those that did not.
   *
   * @param definitions the good files
   * @param errors every error of the bad ones
   */
  public record Loaded(List<PatternDefinition> definitions, List<PatternError> errors) {}

  /** Parses every pattern file in {@code dir}, keeping the good ones and all errors. */
  public static Loaded load(Path dir) {
    List<PatternError> errors = new ArrayList<>();
    List<PatternDefinition> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
              .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list pattern directory " + dir, e);
    }
    if (files.isEmpty()) {
      errors.add(new PatternError(dir.toString(), 0, "", "no *.yaml pattern files in directory"));
    }
    Map<String, String> seen = new LinkedHashMap<>();
    for (Path f : files) {
      String name = displayName(dir, f);
      String text;
      try {
        // Before reading: a file far above the limit must not be read into memory at all.
        long size = Files.size(f);
        if (size > PatternLimits.MAX_FILE_BYTES) {
          errors.add(
              new PatternError(
                  name,
                  0,
                  "",
                  "the file is "
                      + size
                      + " bytes; a pattern file is at most "
                      + PatternLimits.MAX_FILE_BYTES
                      + " bytes (1 MB)"));
          continue;
        }
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        errors.add(new PatternError(name, 0, "", "cannot read: " + e.getMessage()));
        continue;
      }
      PatternDefinition def = PatternParser.parse(name, text, errors);
      if (def == null) {
        continue;
      }
      String other = seen.putIfAbsent(def.id(), name);
      if (other != null) {
        errors.add(
            new PatternError(name, 1, "id", "duplicate id '" + def.id() + "', also in " + other));
        continue;
      }
      if (checkWithFlink(def, errors)) {
        out.add(def);
      }
    }
    return new Loaded(out, errors);
  }

  /** The catalog bundled in the jar. */
  public static List<PatternDefinition> bundledDefinitions() {
    URL url = PatternCatalog.class.getClassLoader().getResource(BUNDLED);
    if (url == null) {
      throw new IllegalStateException("the jar has no bundled pattern catalog");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return definitions(fs.getPath(BUNDLED));
      }
      return definitions(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the bundled pattern catalog", e);
    }
  }

  /**
   * Binds each enabled pattern's profile and overrides.
   *
   * @param settings {@code PATTERN_ID.profile=NAME}, {@code PATTERN_ID.enabled=false} or {@code
   *     PATTERN_ID.PARAM=VALUE}
   * @throws MalformedPatternException naming every bad setting
   */
  public static List<PatternSpec> resolve(
      List<PatternDefinition> definitions, Map<String, String> settings) {
    List<PatternError> errors = new ArrayList<>();
    Map<String, PatternDefinition> byId = new LinkedHashMap<>();
    definitions.forEach(d -> byId.put(d.id(), d));
    Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
    Map<String, String> profiles = new LinkedHashMap<>();
    Map<String, Boolean> enabled = new LinkedHashMap<>();
    settings.forEach(
        (key, value) -> {
          int dot = key.indexOf('.');
          String id = dot < 0 ? key : key.substring(0, dot);
          String name = dot < 0 ? "" : key.substring(dot + 1);
          if (!byId.containsKey(id) || name.isEmpty()) {
            errors.add(
                new PatternError(
                    "--param " + key,
                    0,
                    "",
                    byId.containsKey(id)
                        ? "expected PATTERN_ID.NAME=VALUE"
                        : "no pattern '"
                            + id
                            + "' in the catalog (patterns: "
                            + String.join(", ", byId.keySet())
                            + ")"));
            return;
          }
          switch (name) {
            case "profile" -> profiles.put(id, value);
            case "enabled" -> {
              if (!value.equals("true") && !value.equals("false")) {
                errors.add(new PatternError("--param " + key, 0, "", "expected true or false"));
              }
              enabled.put(id, Boolean.parseBoolean(value));
            }
            default -> overrides.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(name, value);
          }
        });
    List<PatternSpec> out = new ArrayList<>();
    for (PatternDefinition d : definitions) {
      if (!enabled.getOrDefault(d.id(), d.enabled())) {
        continue;
      }
      try {
        out.add(d.resolve(profiles.get(d.id()), overrides.getOrDefault(d.id(), Map.of())));
      } catch (MalformedPatternException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new MalformedPatternException(errors);
    }
    return out;
  }

  static boolean checkWithFlink(PatternDefinition def, List<PatternError> errors) {
    List<String> profiles = new ArrayList<>();
    profiles.add("default");
    profiles.addAll(def.profiles().keySet());
    for (String profile : profiles) {
      String complaint = CepPatternCompiler.check(def.resolve(profile, Map.of()));
      if (complaint != null) {
        errors.add(
            new PatternError(
                def.file(),
                0,
                "stages",
                "FlinkCEP rejects the pattern"
                    + (profile.equals("default") ? "" : " under profile " + profile)
                    + ": "
                    + complaint));
        return false;
      }
    }
    return true;
  }

  private static String displayName(Path dir, Path f) {
    return dir.getFileSystem() == FileSystems.getDefault() ? f.toString() : "bundled:" + f;
  }
}
