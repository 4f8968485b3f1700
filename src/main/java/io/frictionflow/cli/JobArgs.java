package io.frictionflow.cli;

import io.frictionflow.config.ConfigFiles;
import io.frictionflow.config.JobOptions;
import io.frictionflow.config.JobSettings;
import io.frictionflow.job.Detector;
import io.frictionflow.local.LocalJob;
import io.frictionflow.local.OutputRecord;
import io.frictionflow.pattern.PatternCatalog;
import io.frictionflow.pattern.PatternDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the job: config, patterns and their parameters. */
final class JobArgs {
  /** Set by {@code bin/frictionflow} so that edits under patterns/ apply without a rebuild. */
  static final String PATTERNS_ENV = "FRICTIONFLOW_PATTERNS_DIR";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML file of job options (see docs/configuration.md).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Sets one job option, over the config file.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(
      names = "--patterns",
      paramLabel = "DIR",
      description = "Pattern catalog directory (default: patterns/ of the checkout, or the jar's).")
  Path patterns;

  @Option(
      names = "--param",
      paramLabel = "PATTERN.NAME=VALUE",
      description =
          "Sets a pattern parameter, a profile (PATTERN.profile=NAME) or turns a pattern off"
              + " (PATTERN.enabled=false). Repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--format",
      paramLabel = "NAME",
      description =
          "What the events are written in: canonical, posthog, segment, snowplow or rrweb; same"
              + " as frictionflow.input.format (docs/events.md).")
  String format;

  @Option(
      names = "--no-webhooks",
      description =
          "Send no webhook (replays and backfills); same as frictionflow.webhooks.enabled=false.")
  boolean noWebhooks;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "2",
      description = "Parallelism of the local run (default: ${DEFAULT-VALUE}).")
  int parallelism;

  /** The validated job settings. */
  JobSettings settings() {
    Map<String, String> values = new LinkedHashMap<>();
    if (config != null) {
      if (!Files.isReadable(config)) {
        throw new UsageException("cannot read config file " + config);
      }
      values.putAll(ConfigFiles.read(config));
    }
    values.putAll(set);
    if (format != null) {
      values.put(JobOptions.INPUT_FORMAT.key(), format);
    }
    JobSettings settings = JobSettings.from(values);
    return noWebhooks ? settings.withoutWebhooks() : settings;
  }

  /** Every pattern of the catalog by id, in order, and whether it runs; set by detectors(). */
  private final Map<String, Boolean> catalog = new LinkedHashMap<>();

  /** The enabled patterns with their parameters bound, as detectors. */
  List<Detector> detectors(JobSettings settings) {
    List<PatternDefinition> defs = definitions(settings);
    List<Detector> detectors =
        PatternCatalog.resolve(defs, params).stream().map(Detector::of).toList();
    catalog.clear();
    defs.forEach(
        d -> catalog.put(d.id(), detectors.stream().anyMatch(x -> x.spec().id().equals(d.id()))));
    return detectors;
  }

  /** Every pattern of the catalog the last {@link #detectors} loaded, and whether it runs. */
  Map<String, Boolean> catalog() {
    return java.util.Collections.unmodifiableMap(catalog);
  }

  /** Runs the job over {@code input} in this process at {@code --parallelism}. */
  LocalJob.Summary runLocally(
      Path input, JobSettings settings, List<Detector> detectors, Consumer<OutputRecord> consumer)
      throws Exception {
    return runLocally(input, settings, detectors, consumer, null);
  }

  /** As above, kept going with live pattern edits while {@code watch} is given. */
  LocalJob.Summary runLocally(
      Path input,
      JobSettings settings,
      List<Detector> detectors,
      Consumer<OutputRecord> consumer,
      LocalJob.Watch watch)
      throws Exception {
    return LocalJob.run(input, settings, detectors, parallelism, consumer, watch);
  }

  /** The catalog the options name: --patterns, the config, the environment, or the bundled one. */
  List<PatternDefinition> definitions(JobSettings settings) {
    Path dir = patternsDir(settings);
    if (dir == null) {
      return PatternCatalog.bundledDefinitions();
    }
    if (!Files.isDirectory(dir)) {
      throw new UsageException("pattern directory " + dir + " does not exist");
    }
    return PatternCatalog.definitions(dir);
  }

  /**
   * The pattern directory the options name: --patterns, the config or the environment; null for the
   * jar's bundled catalog.
   */
  Path patternsDir(JobSettings settings) {
    Path dir = patterns;
    if (dir == null && settings.patternsDir() != null) {
      dir = Path.of(settings.patternsDir());
    }
    if (dir == null && System.getenv(PATTERNS_ENV) != null) {
      dir = Path.of(System.getenv(PATTERNS_ENV));
    }
    return dir;
  }
}
