package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publisher process killed with SIGKILL mid-drain, then started again: nothing is lost. */
class PublisherCrashIT {
  private final OutboxFixture db = new OutboxFixture();
  private Process running;

  @AfterEach
  void cleanUp() {
    if (running != null) {
      running.destroyForcibly();
    }
    db.close();
  }

  @Test
  void killedPublisherLosesNothingAndRepeatsOnlyWhatWasInFlight(@TempDir Path dir) throws Exception {
    int events = 20_000;
    db.append(db.tenant("acme"), events, 1);
    Path log = dir.resolve("handled.log");

    running = startPublisher(log);
    Await.until("a quarter of the events to be handled", Duration.ofSeconds(60), () -> lines(log).size() >= events / 4);
    running.destroyForcibly();
    assertThat(running.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(running.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    Set<String> inFlightAtKill = new HashSet<>(db.sql.withHandle(h ->
        h.createQuery("select id::text from message_driven.events where status = 'IN_FLIGHT'").mapTo(String.class).list()));
    long publishedAtKill = db.count("status = 'PUBLISHED'");
    assertThat(publishedAtKill).isLessThan(events);

    running = startPublisher(log);
    Await.until("every event to be published", Duration.ofSeconds(120), () -> db.count("status = 'PUBLISHED'") == events);

    Map<String, Long> handled = lines(log).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    Set<String> all = new HashSet<>(db.sql.withHandle(h -> h.createQuery("select id::text from message_driven.events").mapTo(String.class).list()));
    assertThat(handled.keySet()).as("every event was handled at least once").containsAll(all);
    Set<String> repeated = handled.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(inFlightAtKill).as("events the killed publisher held").containsAll(repeated);
    assertThat(handled.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
  }

  @Test
  void aPublisherKilledInTheMiddleOfDeepAggregatesRunsResumesEachWhereItsPublishedEventsEnd(@TempDir Path dir)
      throws Exception {
    int aggregates = 10;
    int perAggregate = 2_000;
    db.append(db.tenant("acme"), aggregates, perAggregate);
    Path log = dir.resolve("handled.log");

    running = startPublisher(log);
    Await.until("a quarter of the events to be handled", Duration.ofSeconds(60),
        () -> lines(log).size() >= aggregates * perAggregate / 4);
    running.destroyForcibly();
    assertThat(running.waitFor(10, TimeUnit.SECONDS)).isTrue();
    running = startPublisher(log);
    Await.until("every event to be published", Duration.ofSeconds(120),
        () -> db.count("status = 'PUBLISHED'") == aggregates * perAggregate);

    Map<String, String[]> byId = db.sql.withHandle(h -> h.createQuery(
            "select id::text as id, aggregate_id, payload->>'seq' as seq from message_driven.events")
        .map((rs, ctx) -> new String[] {rs.getString("id"), rs.getString("aggregate_id"), rs.getString("seq")})
        .list()).stream().collect(Collectors.toMap(row -> row[0], row -> row));
    Map<String, List<Integer>> handledInOrder = new TreeMap<>();
    for (String id : lines(log)) {
      String[] row = byId.get(id);
      handledInOrder.computeIfAbsent(row[1], a -> new ArrayList<>()).add(Integer.parseInt(row[2]));
    }
    assertThat(handledInOrder).hasSize(aggregates);
    handledInOrder.forEach((aggregate, seqs) -> {
      assertThat(new HashSet<>(seqs)).as("%s: every event handled", aggregate).hasSize(perAggregate);
      for (int i = 1; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).as("%s, handling %d: never ahead of the event after the one before it", aggregate, i)
            .isLessThanOrEqualTo(seqs.get(i - 1) + 1);
      }
    });
  }

  private Process startPublisher(Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        CrashablePublisher.class.getName(), db.url, log.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.resolveSibling("publisher-" + UUID.randomUUID() + ".out").toFile())
        .start();
  }

  private static List<String> lines(Path log) {
    try {
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
