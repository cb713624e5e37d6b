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
        .contains("| drain (no-op handler) |")
        .contains("| write (CreateUser")
        .contains("| latency (commit to handler")
        .contains("| heap (20,000 events, -Xmx128m) |")
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
