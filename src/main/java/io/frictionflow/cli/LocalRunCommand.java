package io.frictionflow.cli;

import io.frictionflow.config.JobSettings;
import io.frictionflow.job.Detector;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs the job in this process ({@code run}, {@code demo}): it reads the job's
 * options and patterns ({@link JobArgs}) and hands them to {@link #run}.
 */
abstract class LocalRunCommand implements Callable<Integer> {
  @Mixin JobArgs job;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    JobSettings settings = job.settings();
    return run(settings, job.detectors(settings));
  }

  /** Runs the job with the validated settings and the enabled patterns; returns the exit code. */
  abstract int run(JobSettings settings, List<Detector> detectors) throws Exception;
}
