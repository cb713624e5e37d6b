package io.messagedriven.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.publishing.PublishingStep;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claims of runs by publishers at once, on PostgreSQL: each aggregate's run starts right after
 * the last event of it that was published, its events are consecutive, and no two claimers ever
 * hold events of one aggregate at the same time.
 */
class ConcurrentRunsIT {
  private static final int AGGREGATES = 6;
  private static final int PER_AGGREGATE = 150;
  private static final Failure BOOM = new Failure("java.io.IOException", "boom", "java.io.IOException: boom");

  private PostgresStore store;
  private Jdbi sql;

  @BeforeEach
  void freshDatabase() {
    String url = TestDatabase.freshUrl();
    store = PostgresStore.builder().jdbcUrl(url).maximumPoolSize(8).build();
    sql = Jdbi.create(url);
    UUID tenant = UUID.randomUUID();
    sql.useHandle(h -> {
      h.execute("insert into message_driven.tenants (id, slug, name, created_at) values (?, 'acme', 'Acme', now())", tenant);
      h.execute("""
          insert into message_driven.events (id, tenant_id, aggregate_type, aggregate_id, name, payload, occurred_at)
          select gen_random_uuid(), ?, 'Order', 'order-' || a, 'Order.changed', json_build_object('seq', r), now()
          from generate_series(1, ?) r, generate_series(1, ?) a order by r, a""", tenant, PER_AGGREGATE, AGGREGATES);
    });
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void fourClaimersAtOnceGetEachAggregatesEventsAsConsecutiveRunsThatNeverOverlap() throws Exception {
    OutboxPort outbox = store.outbox();
    Map<String, ReentrantLock> bookkeeping = new ConcurrentHashMap<>();
    Map<String, Integer> lastPublished = new ConcurrentHashMap<>();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    ExecutorService claimers = Executors.newFixedThreadPool(4);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      String me = "claimer-" + c;
      running.add(claimers.submit(() -> {
        while (lastPublished.values().stream().mapToInt(Integer::intValue).sum() < AGGREGATES * PER_AGGREGATE
            && System.nanoTime() < deadline) {
          List<ClaimedEvent> claimed = outbox.claim(me, ThreadLocalRandom.current().nextInt(1, 12), Duration.ofMinutes(1));
          List<List<ClaimedEvent>> runs = PublishingStep.runsOf(claimed);
          // The test's own bookkeeping of a run is updated only after the database acknowledged
          // it; a claimer that got the next run meanwhile waits for it here. Locks are taken in
          // one order, so claimers never wait on each other in a circle.
          List<ReentrantLock> locks = runs.stream().map(run -> run.get(0).event().aggregateId()).sorted()
              .map(aggregate -> bookkeeping.computeIfAbsent(aggregate, a -> new ReentrantLock())).toList();
          locks.forEach(ReentrantLock::lock);
          for (List<ClaimedEvent> run : runs) {
            String aggregate = run.get(0).event().aggregateId();
            int expected = lastPublished.getOrDefault(aggregate, 0) + 1;
            List<Integer> seqs = run.stream().map(ConcurrentRunsIT::seq).toList();
            for (int i = 0; i < seqs.size(); i++) {
              if (seqs.get(i) != expected + i) {
                violations.add(me + " got " + aggregate + " " + seqs + " after " + (expected - 1));
                break;
              }
            }
            // Publish a prefix of the run, retry the next event at once, give back the rest:
            // what a publisher does when an event in the middle of a run fails.
            // Leases last a minute, so every acknowledgement must find its lease: one that does
            // not means another claimer was handed the same event.
            int published = ThreadLocalRandom.current().nextInt(run.size() + 1);
            int acknowledged = outbox.markPublished(run.subList(0, published)).size();
            if (published < run.size()) {
              acknowledged += outbox.retryLater(run.get(published), Duration.ZERO, BOOM) ? 1 : 0;
              acknowledged += outbox.release(run.subList(published + 1, run.size()));
            }
            if (acknowledged != run.size()) {
              violations.add(me + " lost the lease of " + (run.size() - acknowledged) + " events of " + aggregate);
            }
            lastPublished.put(aggregate, expected - 1 + published);
          }
          locks.forEach(ReentrantLock::unlock);
        }
        return null;
      }));
    }
    for (Future<?> claimer : running) {
      claimer.get(120, TimeUnit.SECONDS);
    }
    claimers.shutdown();

    assertThat(violations).isEmpty();
    assertThat(lastPublished).hasSize(AGGREGATES).allSatisfy((aggregate, last) -> assertThat(last).isEqualTo(PER_AGGREGATE));
    int published = sql.withHandle(h -> h.createQuery("select count(*) from message_driven.events where status = 'PUBLISHED'")
        .mapTo(Integer.class).one());
    assertThat(published).isEqualTo(AGGREGATES * PER_AGGREGATE);
  }

  private static int seq(ClaimedEvent claimed) {
    return Integer.parseInt(claimed.event().payload().replaceAll("\\D", ""));
  }
}
