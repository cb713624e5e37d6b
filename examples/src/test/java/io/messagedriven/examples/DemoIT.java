package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.publisher.testing.TcpForwarder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoIT {

  @Test
  void demoRoutesEveryCreatedUserAndExitsZero() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream printed = new PrintStream(output, true, StandardCharsets.UTF_8);
    int code = Demo.run(new String[] {"--jdbc-url", TestDatabase.freshUrl()}, printed, printed);

    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    assertThat(text.lines().filter(line -> line.contains("-> routed User.created"))).hasSize(5);
    assertThat(text).contains("events routed    5 of 5").contains("refused as expected");
  }

  @Test
  void anUnknownFlagIsSaidToBeUnknownInOneLineWithExitCode2() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code = Demo.run(new String[] {"--jdbc"}, new PrintStream(output, true, StandardCharsets.UTF_8),
        new PrintStream(errors, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(errors.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .isEqualTo("error: Unknown option: '--jdbc' (--help lists the flags)");
  }

  @Test
  void anUnknownDatabaseIsOneLineOnStderrAndExitCode3() {
    String missing = TestDatabase.freshUrl().replace("/md_test_", "/md_missing_");
    try (ProgramRun demo = ProgramRun.start(Demo.class, "--jdbc-url", missing)) {
      demo.assertFailsInOneLine(3, "the database does not exist");
    }
  }

  @Test
  void aDatabaseThatIsDownIsOneLineOnStderrAndExitCode4() {
    try (ProgramRun demo = ProgramRun.start(Demo.class,
        "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + TcpForwarder.freePort() + "/app?user=app")) {
      demo.assertFailsInOneLine(4, "the database is down, unreachable or dropped the connection");
    }
  }

  @Test
  void aJdbcUrlTheDriverCannotParseIsOneLineOnStderrAndExitCode2() {
    try (ProgramRun demo = ProgramRun.start(Demo.class, "--jdbc-url", "jdbc:postgresql://127.0.0.1:x/app")) {
      demo.assertFailsInOneLine(2, "--jdbc-url must be a JDBC URL the PostgreSQL driver accepts");
    }
  }
}
