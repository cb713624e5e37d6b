package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoIT {

  @Test
  void demoRoutesEveryCreatedUserAndExitsZero() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code = Demo.run(new String[] {"--jdbc-url", TestDatabase.freshUrl()}, new PrintStream(output, true, StandardCharsets.UTF_8));

    String printed = output.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed.lines().filter(line -> line.contains("-> routed User.created"))).hasSize(5);
    assertThat(printed).contains("events routed    5 of 5").contains("refused as expected");
  }

  @Test
  void unknownFlagIsRefusedWithUsage() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code = Demo.run(new String[] {"--jdbc"}, new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("error:").contains("usage:");
  }
}
