package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL while it migrates leaves nothing that stops the next ones: the
 * migration lock is a session-level advisory lock, which dies with the killed process's
 * connection, and several processes starting at once all start and publish.
 */
class MigrationCrashIT {
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killAll() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void aProcessKilledWhileItMigratesLeavesNothingThatStopsTheOthers(@TempDir Path dir) throws Exception {
    String url = TestDatabase.freshUrl();
    Jdbi admin = Jdbi.create(url);
    Path log = dir.resolve("handled.log");

    Process migrating = start(url, log, dir);
    Await.until("the first process to be in the middle of its slow migration", Duration.ofSeconds(60),
        () -> admin.withHandle(h -> h.select("select count(*) from pg_stat_activity where query like '%pg_sleep(4)%' "
            + "and pid <> pg_backend_pid()").mapTo(Integer.class).one()) > 0);
    migrating.destroyForcibly();
    assertThat(migrating.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(migrating.exitValue()).as("killed by SIGKILL").isEqualTo(137);

    List<Process> next = List.of(start(url, log, dir), start(url, log, dir), start(url, log, dir));
    Await.until("every process started at once to start publishing", Duration.ofSeconds(180),
        () -> next.stream().allMatch(p -> output(p, dir).contains("started")));

    Set<String> appended = new HashSet<>();
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).migrate(false).build()) {
      store.transactions().inTenant(TenantId.DEFAULT, tx -> {
        for (int i = 0; i < 300; i++) {
          Event event = Event.raise("Order", "o-" + i, "Order.placed", "{}", Instant.now());
          tx.outbox().append(event);
          appended.add(event.id().toString());
        }
        return null;
      });
    }
    Await.until("every event to be published", Duration.ofSeconds(60),
        () -> new HashSet<>(lines(log)).containsAll(appended));
    assertThat(next).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
  }

  private Process start(String url, Path log, Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = dir.resolve("process-" + processes.size() + ".out");
    Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        MigratingPublisher.class.getName(), url, log.toString())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
    processes.add(process);
    return process;
  }

  private String output(Process process, Path dir) {
    try {
      return Files.readString(dir.resolve("process-" + processes.indexOf(process) + ".out"));
    } catch (IOException e) {
      return "";
    }
  }

  private static List<String> lines(Path log) {
    try {
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
