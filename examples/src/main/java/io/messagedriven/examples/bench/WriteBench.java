package io.messagedriven.examples.bench;

import io.messagedriven.jdbi.user.PostgresUsers;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.Tenant;
import io.messagedriven.jdbi.PostgresStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * write: CreateUser from many threads, against raw JDBC inserting the same two rows per
 * transaction, with the outbox's NOTIFY trigger (what the library's schema costs any writer) and
 * without it (the write ceiling: the same inserts, indexes and rows, no wake-up).
 */
final class WriteBench {

  record Result(double createUserPerSecond, double rawPerSecond, double noTriggerPerSecond) {
    double ratio() {
      return createUserPerSecond / noTriggerPerSecond;
    }
  }

  /** One unit of work of a writer thread. */
  @FunctionalInterface
  private interface Write {
    void run(int n) throws Exception;
  }

  private final PostgresStore store;
  private final BenchDatabase db;
  private final PrintStream out;
  private final BenchSettings settings;

  WriteBench(PostgresStore store, BenchDatabase db, PrintStream out, BenchSettings settings) {
    this.store = store;
    this.db = db;
    this.out = out;
    this.settings = settings;
  }

  Result run() throws Exception {
    Clock clock = Clock.systemUTC();
    CreateUser createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
    List<Double> useCase = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> noTrigger = new ArrayList<>();
    Tenant tenant = new CreateTenant(store.transactions(), clock)
        .handle(new CreateTenantCommand("write-" + System.nanoTime() % 1_000_000, "Write bench"));
    out.printf("write warm-up: %,d users each way%n", settings.users() / 10);
    time("raw JDBC", settings.users() / 10, n -> db.insertUserAndEvent(tenant.id().value(), "warm-raw" + n + "@example.com"));
    time("CreateUser", settings.users() / 10, n -> createUser.handle(
        CreateUserCommand.of(tenant.id(), "warm" + n + "@example.com", "User " + n)));
    for (int run = 1; run <= settings.runs(); run++) {
      out.printf("write run %d of %d: %,d users from %d threads%n", run, settings.runs(), settings.users(), settings.writers());
      String round = "r" + run + "-";
      db.clear();
      raw.add(time("raw JDBC", settings.users(), n -> db.insertUserAndEvent(tenant.id().value(), round + n + "@example.com")));
      db.clear();
      noTrigger.add(db.withoutNotifyTrigger(() -> time("raw JDBC, no trigger", settings.users(),
          n -> db.insertUserAndEvent(tenant.id().value(), round + "q" + n + "@example.com"))));
      db.clear();
      useCase.add(time("CreateUser", settings.users(), n -> createUser.handle(
          CreateUserCommand.of(tenant.id(), round + n + "@example.com", "User " + n))));
      out.printf("  raw JDBC %,.0f/s, raw JDBC without the trigger %,.0f/s, CreateUser %,.0f/s%n",
          raw.get(run - 1), noTrigger.get(run - 1), useCase.get(run - 1));
    }
    return new Result(Stats.median(useCase), Stats.median(raw), Stats.median(noTrigger));
  }

  /** Runs {@code count} writes from the writer threads; returns writes per second. */
  private double time(String label, int count, Write write) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(settings.writers());
    long started = System.nanoTime();
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < settings.writers(); t++) {
        writers.add(threads.submit(() -> {
          for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
            write.run(n);
            done.incrementAndGet();
          }
          return null;
        }));
      }
      new Progress(out, label, count).await(done::get, 600_000);
      for (Future<?> writer : writers) {
        writer.get();
      }
    } finally {
      threads.shutdownNow();
    }
    return count / ((System.nanoTime() - started) / 1e9);
  }
}
