package io.messagedriven.examples.bench;

import io.messagedriven.jdbi.user.PostgresUsers;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.user.User;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * latency: users created through CreateUser at a steady rate while a publisher (default settings,
 * woken by LISTEN/NOTIFY) runs; measures from the moment the commit returned to the writer to the
 * moment the handler started on the event.
 */
final class LatencyBench {

  record Result(long p50Micros, long p99Micros, long maxMicros, int events) {}

  private final PostgresStore store;
  private final BenchDatabase db;
  private final PrintStream out;
  private final BenchSettings settings;

  LatencyBench(PostgresStore store, BenchDatabase db, PrintStream out, BenchSettings settings) {
    this.store = store;
    this.db = db;
    this.out = out;
    this.settings = settings;
  }

  Result run() throws Exception {
    db.clear();
    Clock clock = Clock.systemUTC();
    Tenant tenant = new CreateTenant(store.transactions(), clock)
        .handle(new CreateTenantCommand("latency-" + System.nanoTime() % 1_000_000, "Latency bench"));
    CreateUser createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
    int total = settings.rate() * settings.seconds();
    Map<String, Long> committed = new ConcurrentHashMap<>();
    Map<String, Long> started = new ConcurrentHashMap<>();
    AtomicInteger handled = new AtomicInteger();
    out.printf("latency: %,d users/s for %d s (%,d events), commit to handler start%n",
        settings.rate(), settings.seconds(), total);
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try (Publisher publisher = Publisher.builder()
        .outbox(store.outbox())
        .signals(store.signals())
        .handler(event -> {
          started.put(event.aggregateId(), System.nanoTime());
          handled.incrementAndGet();
        })
        .name("bench-latency")
        .build()) {
      publisher.start();
      Thread.sleep(500); // the LISTEN connection is up
      long intervalNanos = 1_000_000_000L / settings.rate();
      long begin = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = begin + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        int n = i;
        writers.execute(() -> {
          User user = createUser.handle(CreateUserCommand.of(tenant.id(), "lat" + n + "@example.com", "User " + n));
          committed.put(user.id().toString(), System.nanoTime());
        });
      }
      new Progress(out, "handled", total).await(handled::get, 60_000);
    } finally {
      writers.shutdown();
      writers.awaitTermination(10, TimeUnit.SECONDS);
    }
    long[] micros = committed.entrySet().stream()
        .filter(entry -> started.containsKey(entry.getKey()))
        .mapToLong(entry -> Math.max(0, started.get(entry.getKey()) - entry.getValue()) / 1_000)
        .toArray();
    return new Result(
        Stats.percentile(micros, 50), Stats.percentile(micros, 99), Stats.percentile(micros, 100), micros.length);
  }
}
