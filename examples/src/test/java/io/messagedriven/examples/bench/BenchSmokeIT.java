package io.messagedriven.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A small run of every benchmark, so the bench command cannot rot; figures are not checked. */
class BenchSmokeIT {

  @Test
  void smokeRunOfEveryBenchmarkPrintsItsSummary() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int code = Bench.run(new String[] {"--smoke", "--jdbc-url", TestDatabase.freshUrl()},
        new PrintStream(output, true, StandardCharsets.UTF_8));

    String printed = output.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed)
        .contains("| drain, 1 tenant, single-event aggregates |", "| drain, 10 deep aggregates |",
            "| drain, 100 busy tenants |", "| drain, 10000 busy tenants |", "protocol ceiling", "one-pass FIFO ceiling")
        .contains("| write (CreateUser", "raw JDBC without trigger")
        .contains("| drain, 2 publisher processes |", "| drain, 4 publisher processes |")
        .contains("| latency, publisher in-jvm", "| latency, publisher out-of-band")
        .contains("| backlog of 20,000 events, -Xmx128m |")
        .contains("load average at the start: ")
        .doesNotContain("FAILED");
  }

  @Test
  void unknownBenchmarkIsRefused() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int code = Bench.run(new String[] {"drian"}, new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("unknown argument drian");
  }

  @Test
  void badNumberIsRefusedNamingTheFlag() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int code = Bench.run(new String[] {"drain", "--events", "lots"}, new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("--events must be a positive whole number, was lots");
  }
}
