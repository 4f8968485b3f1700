package io.frictionflow.cli;

import io.frictionflow.gateway.Gateway;
import io.frictionflow.gateway.GatewayConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway}: runs the HTTP gateway between pages and Kafka until stopped (docs/browser.md).
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description =
        "Runs the browser gateway: POST /v1/events into Kafka, signals pushed to pages as"
            + " Server-Sent Events, the Session Summary API, and static files. Stops on Ctrl-C.")
final class GatewayCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Gateway config (see examples/gateway.yaml).")
  Path config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    GatewayConfig c = GatewayConfig.read(config);
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    Gateway gateway = new Gateway(c).start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    gateway.close();
                  } catch (Exception e) {
                    // exiting anyway
                  }
                  stopped.countDown();
                }));
    out.println("gateway listening on http://" + c.host() + ":" + gateway.port());
    for (String prefix : c.staticDirs().keySet()) {
      out.println("  serving http://" + c.host() + ":" + gateway.port() + prefix);
    }
    out.flush();
    stopped.await();
    return 0;
  }
}
