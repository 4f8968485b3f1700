package io.frictionflow.cli;

import io.frictionflow.config.InvalidConfigException;
import io.frictionflow.pattern.MalformedPatternException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code bin/frictionflow COMMAND} locally, and the main class of the job jar
 * that {@code flink run} calls.
 */
@Command(
    name = "frictionflow",
    mixinStandardHelpOptions = true,
    version = "frictionflow 0.1.0",
    description = "Detects friction and intent in live web sessions with Apache Flink.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      JobCommand.class,
      ValidateCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FrictionFlow implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. demo");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns the exit code (for tests and for {@link #main}). */
  public static int execute(String... args) {
    return execute(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs a command line with the given standard output and error. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new FrictionFlow());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("frictionflow: " + e.getMessage());
          e.getCommandLine()
              .getErr()
              .println("see: frictionflow " + e.getCommandLine().getCommandName() + " --help");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof MalformedPatternException
              || e instanceof InvalidConfigException
              || e instanceof UsageException) {
            cmd.getErr().println("frictionflow: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli.execute(args);
  }
}
