package io.messagedriven.admin.cli;

import io.messagedriven.admin.dashboard.Dashboard;
import io.messagedriven.application.operations.Operations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dashboard}: serves the web dashboard until the process is stopped (SIGTERM or Ctrl-C).
 * The token comes from {@code --token-file}, else from {@value #TOKEN_VARIABLE}; with neither, a
 * random one is made and printed with the login link.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Serve the web dashboard (127.0.0.1 unless --bind says otherwise) until stopped with Ctrl-C.")
final class DashboardCommand extends OperatorCommand {
  static final String TOKEN_VARIABLE = "MESSAGE_DRIVEN_DASHBOARD_TOKEN";

  @Option(names = "--port", defaultValue = "8081", description = "The port, 0 for a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "The address to listen on. Default: ${DEFAULT-VALUE}, this machine only; "
          + "bind another only behind TLS.")
  String bind;

  @Option(names = "--token-file",
      description = "A file holding the token (16 to 512 characters). Default: the environment variable "
          + TOKEN_VARIABLE + ", else a random token, printed.")
  Path tokenFile;

  @Override
  int run(Operations operations) {
    String token = token();
    Dashboard.Builder builder = Dashboard.builder().operations(operations).port(port).bindAddress(bind);
    try (Dashboard dashboard = (token == null ? builder : builder.token(token)).build()) {
      try {
        dashboard.start();
      } catch (UncheckedIOException e) {
        return cli.error(ExitCodes.USAGE, "cannot listen on " + bind + ":" + port + ": " + e.getCause().getMessage());
      }
      cli.out().println("Dashboard on " + dashboard.uri() + " (stop it with Ctrl-C)");
      cli.out().println(token == null
          ? "Log in with the token " + dashboard.token() + ", or open " + dashboard.loginUri() + "#token=" + dashboard.token()
          : "Log in at " + dashboard.loginUri() + " with the token you gave");
      cli.out().flush();
      awaitStop();
      return ExitCodes.OK;
    }
  }

  private String token() {
    if (tokenFile != null) {
      try {
        return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("--token-file " + tokenFile + " cannot be read: " + e.getMessage(), e);
      }
    }
    String fromEnvironment = System.getenv(TOKEN_VARIABLE);
    return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
  }

  /** Blocks until the JVM shuts down (SIGTERM, Ctrl-C); the process ends with it, its connections too. */
  private static void awaitStop() {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "dashboard-stop"));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
