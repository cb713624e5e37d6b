package io.messagedriven.publisher.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.publisher.testing.ServerCondition.Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

class ServerConditionTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private static Server server(int port) {
    return new Server("Broker", "127.0.0.1", port, "broker --port " + port);
  }

  @Test
  void aReachableServerLetsTheTestRunAndPrintsNothing() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ConditionEvaluationResult result = new ServerCondition(false, log)
          .evaluate("SomeIT", List.of(server(listening.getLocalPort())));

      assertThat(result.isDisabled()).isFalse();
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aClosedPortSkipsTheTestWithOneLineNamingServerAddressAndHowToStartIt() {
    int closed = TcpForwarder.freePort();

    ConditionEvaluationResult result = new ServerCondition(false, log).evaluate("SomeIT", List.of(server(closed)));

    String line = "SKIPPED SomeIT: Broker is not reachable on 127.0.0.1:" + closed
        + " (start it with: broker --port " + closed + ")";
    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason()).hasValue(line);
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(line + System.lineSeparator());
  }

  @Test
  void aClosedPortFailsTheTestWhenServersAreRequired() {
    int closed = TcpForwarder.freePort();

    assertThatThrownBy(() -> new ServerCondition(true, log).evaluate("SomeIT", List.of(server(closed))))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("Broker is not reachable on 127.0.0.1:" + closed + " (start it with: broker --port " + closed
            + "); MESSAGE_DRIVEN_REQUIRE_SERVERS=true makes that a failure");
  }

  @Test
  void everyServerIsCheckedAndOnlyTheUnreachableOnesAreNamed() throws Exception {
    int closed = TcpForwarder.freePort();
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Server up = new Server("Up", "127.0.0.1", listening.getLocalPort(), "up");
      Server down = new Server("Down", "127.0.0.1", closed, "down");

      ConditionEvaluationResult result = new ServerCondition(false, log).evaluate("SomeIT", List.of(up, down));

      assertThat(result.getReason()).hasValue("SKIPPED SomeIT: Down is not reachable on 127.0.0.1:" + closed
          + " (start it with: down)");
    }
  }

  @Test
  void theVariableRequiresServersAndTheSystemPropertyStandsInWhenItIsNotSet() {
    assertThat(ServerCondition.required(null, null)).isFalse();
    assertThat(ServerCondition.required("true", null)).isTrue();
    assertThat(ServerCondition.required(" TRUE ", "false")).isTrue();
    assertThat(ServerCondition.required("false", "true")).isFalse();
    assertThat(ServerCondition.required(null, "true")).isTrue();
    assertThat(ServerCondition.required("1", null)).isFalse();
  }

  @Test
  void anAnnotatedMethodIsSkippedNamingItsClassAndMethod() throws Exception {
    Method method = Annotated.class.getDeclaredMethod("needsTwoServers");

    ConditionEvaluationResult result = new ServerCondition(false, log).evaluateExecutionCondition(context(method));

    assertThat(result.getReason())
        .hasValue("SKIPPED Annotated.needsTwoServers: Closed is not reachable on 127.0.0.1:1 (start it with: nothing), "
            + "Also closed is not reachable on 127.0.0.1:1 (start it with: nothing either)");
  }

  @Test
  void aTestWithoutTheAnnotationRuns() throws Exception {
    Method method = Annotated.class.getDeclaredMethod("needsNoServer");

    assertThat(new ServerCondition(true, log).evaluateExecutionCondition(context(method)).isDisabled()).isFalse();
  }

  static class Annotated {
    @RequiresServer(name = "Closed", port = 1, howToRun = "nothing")
    @RequiresServer(name = "Also closed", port = 1, howToRun = "nothing either")
    void needsTwoServers() {}

    void needsNoServer() {}
  }

  /** The parts of a method's context the condition reads. */
  private static ExtensionContext context(Method method) {
    return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
        new Class<?>[] {ExtensionContext.class}, (proxy, called, args) -> switch (called.getName()) {
          case "getElement" -> Optional.of(method);
          case "getTestClass" -> Optional.of(method.getDeclaringClass());
          case "getTestMethod" -> Optional.of(method);
          case "getDisplayName" -> method.getName() + "()";
          default -> throw new UnsupportedOperationException(called.getName());
        });
  }
}
