package io.frictionflow.cli;

import io.frictionflow.config.InvalidConfigException;
import io.frictionflow.pattern.MalformedPatternException;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
      TopicsCommand.class,
      ValidateCommand.class,
      ExplainCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      BenchCommand.class,
      GatewayCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FrictionFlow implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. demo");
  }

  public static void main(String[] args) throws Exception {
    if (!submittedThroughFlink()) {
      // A local run: the embedded cluster's threads would keep the JVM alive.
      System.exit(execute(args));
    }
    // Flink's client, or a JobManager (REST jar run, application mode), runs this method: an exit
    // would end that process, the JobManager itself in the second case. Fail the submission
    // instead, with the cause, so that the client or the REST answer shows it.
    java.util.concurrent.atomic.AtomicReference<Exception> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    int code =
        commandLine(
                new java.io.PrintWriter(System.out, true),
                new java.io.PrintWriter(System.err, true),
                failure::set)
            .execute(args);
    if (failure.get() != null) {
      throw failure.get();
    }
    if (code != 0) {
      throw new IllegalStateException("frictionflow exited with code " + code + "; see its output");
    }
  }

  /**
   * Whether Flink runs this program ({@code flink run}, a REST jar run, application mode): it
   * installs a context environment, so the default environment is not a local one.
   */
  private static boolean submittedThroughFlink() {
    return !(StreamExecutionEnvironment.getExecutionEnvironment()
        instanceof LocalStreamEnvironment);
  }

  /** Runs a command line and returns the exit code (for tests and for {@link #main}). */
  public static int execute(String... args) {
    return execute(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs a command line with the given standard output and error. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return commandLine(out, err, e -> {}).execute(args);
  }

  /**
   * The command line: usage and known errors (options, patterns, config) print a message and exit
   * 2, any other exception goes to picocli (a stack trace, exit 1); each is first handed to {@code
   * failures}.
   */
  private static CommandLine commandLine(
      java.io.PrintWriter out,
      java.io.PrintWriter err,
      java.util.function.Consumer<Exception> failures) {
    CommandLine cli = new CommandLine(new FrictionFlow());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          failures.accept(e);
          e.getCommandLine().getErr().println("frictionflow: " + e.getMessage());
          e.getCommandLine()
              .getErr()
              .println("see: frictionflow " + e.getCommandLine().getCommandName() + " --help");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          failures.accept(e);
          if (e instanceof MalformedPatternException
              || e instanceof InvalidConfigException
              || e instanceof UsageException) {
            cmd.getErr().println("frictionflow: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli;
  }
}
