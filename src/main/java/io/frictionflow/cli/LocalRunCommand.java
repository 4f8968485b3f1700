package io.frictionflow.cli;

import io.frictionflow.config.JobSettings;
import io.frictionflow.job.Detector;
import io.frictionflow.local.DirectoryChanges;
import io.frictionflow.local.LocalJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that runs the job in this process ({@code run}, {@code demo}): it reads the job's
 * options and patterns ({@link JobArgs}) and hands them to {@link #run}; with {@code --watch}, also
 * what keeps the run going with live pattern edits ({@link LocalJob.Watch}).
 */
abstract class LocalRunCommand implements Callable<Integer> {
  /** Events a second of a watched run's replayed input: one round of the sample in about 8 s. */
  static final double REPLAY_PER_SECOND = 2_000;

  @Mixin JobArgs job;

  @Spec CommandSpec spec;

  @Option(
      names = "--watch",
      description =
          "Keep running until Ctrl-C, replaying the events, and apply every edit of a file in the"
              + " patterns directory as the running job would from its patterns topic; prints"
              + " each edit's status (demo only).")
  boolean watch;

  /** Completed to stop a watched run (Ctrl-C, or a test). */
  final CompletableFuture<Void> stop = new CompletableFuture<>();

  @Override
  public final Integer call() throws Exception {
    JobSettings settings = job.settings();
    LocalJob.Watch w = null;
    if (watch) {
      String refusal = watchRefusal(settings);
      if (refusal != null) {
        throw new UsageException(refusal);
      }
      Path dir = job.patternsDir(settings);
      if (dir == null) {
        throw new UsageException(
            "--watch needs a patterns directory to watch: --patterns DIR (bin/frictionflow"
                + " uses the checkout's patterns/)");
      }
      if (!Files.isDirectory(dir)) {
        throw new UsageException("pattern directory " + dir + " does not exist");
      }
      // Before the catalog is loaded: an edit made while the job starts is sent, not lost.
      w =
          new LocalJob.Watch(
              dir, DirectoryChanges.snapshot(dir), job.params, REPLAY_PER_SECOND, stop);
    }
    return run(settings, job.detectors(settings), w);
  }

  /** Why this command cannot {@code --watch} with these settings, or null when it can. */
  abstract String watchRefusal(JobSettings settings);

  /**
   * Runs the job with the validated settings and the enabled patterns; returns the exit code.
   *
   * @param watch with {@code --watch}, what keeps the run going; else null
   */
  abstract int run(JobSettings settings, List<Detector> detectors, LocalJob.Watch watch)
      throws Exception;
}
