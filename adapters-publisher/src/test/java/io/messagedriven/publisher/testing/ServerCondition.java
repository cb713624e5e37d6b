package io.messagedriven.publisher.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a test marked {@link RequiresServer} only when its servers answer a TCP connection;
 * otherwise skips it with one line, printed once to the build log too, or fails it when
 * {@value #REQUIRE_VARIABLE} is {@code true} (when the variable is not set, the system property
 * {@value #REQUIRE_PROPERTY} decides).
 */
public final class ServerCondition implements ExecutionCondition {
  public static final String REQUIRE_VARIABLE = "MESSAGE_DRIVEN_REQUIRE_SERVERS";
  public static final String REQUIRE_PROPERTY = "messagedriven.requireServers";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  private final boolean required;
  private final PrintStream log;

  /** The condition JUnit creates: required or not as the environment says, printing to stdout. */
  public ServerCondition() {
    this(requiredByEnvironment(), System.out);
  }

  ServerCondition(boolean required, PrintStream log) {
    this.required = required;
    this.log = log;
  }

  /** A server a test needs; the values of one {@link RequiresServer}. */
  record Server(String name, String host, int port, String howToRun) {
    static Server of(RequiresServer annotation) {
      return new Server(annotation.name(), annotation.host(), annotation.port(), annotation.howToRun());
    }
  }

  static boolean requiredByEnvironment() {
    return required(System.getenv(REQUIRE_VARIABLE), System.getProperty(REQUIRE_PROPERTY));
  }

  /** Whether the variable, or when it is not set the system property, is {@code true}. */
  static boolean required(String variable, String property) {
    return Boolean.parseBoolean((variable != null ? variable : property == null ? "" : property).strip());
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    // a class's servers are checked once for the class, a method's for the method alone
    List<Server> servers = context.getElement()
        .map(element -> AnnotationSupport.findRepeatableAnnotations(element, RequiresServer.class))
        .orElse(List.of()).stream().map(Server::of).toList();
    String test = context.getTestClass().map(Class::getSimpleName).orElse(context.getDisplayName())
        + context.getTestMethod().map(method -> "." + method.getName()).orElse("");
    return evaluate(test, servers);
  }

  ConditionEvaluationResult evaluate(String test, List<Server> servers) {
    String unreachable = servers.stream().filter(server -> !reachable(server))
        .map(server -> server.name() + " is not reachable on " + server.host() + ":" + server.port()
            + " (start it with: " + server.howToRun() + ")")
        .collect(Collectors.joining(", "));
    if (unreachable.isEmpty()) {
      return ConditionEvaluationResult.enabled(servers.isEmpty() ? "needs no server" : "its servers are reachable");
    }
    if (required) {
      throw new AssertionFailedError(unreachable + "; " + REQUIRE_VARIABLE + "=true makes that a failure");
    }
    String line = "SKIPPED " + test + ": " + unreachable;
    log.println(line);
    return ConditionEvaluationResult.disabled(line);
  }

  private static boolean reachable(Server server) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.host(), server.port()), (int) CONNECT_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
