package io.messagedriven.examples.bench;

import io.messagedriven.jdbi.PostgresStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * drain: N pending events through a no-op handler, against the raw-SQL ceiling (one statement
 * per batch of 500 that takes pending rows with SKIP LOCKED and marks them published).
 */
final class DrainBench {
  static final int RAW_BATCH = 500;

  record Result(double publisherPerSecond, double rawPerSecond) {
    double ratio() {
      return publisherPerSecond / rawPerSecond;
    }
  }

  private final PostgresStore store;
  private final BenchDatabase db;
  private final PrintStream out;
  private final BenchSettings settings;

  DrainBench(PostgresStore store, BenchDatabase db, PrintStream out, BenchSettings settings) {
    this.store = store;
    this.db = db;
    this.out = out;
    this.settings = settings;
  }

  Result run() throws Exception {
    UUID tenant = db.createTenant();
    List<Double> publisher = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (int run = 1; run <= settings.runs(); run++) {
      out.printf("drain run %d of %d: %,d events%n", run, settings.runs(), settings.events());
      raw.add(timeRaw(tenant));
      publisher.add(timePublisher(tenant));
      out.printf("  raw SQL %,.0f events/s, publisher %,.0f events/s%n", raw.get(run - 1), publisher.get(run - 1));
    }
    return new Result(Stats.median(publisher), Stats.median(raw));
  }

  private double timeRaw(UUID tenant) throws Exception {
    db.clear();
    db.fill(tenant, settings.events());
    long started = System.nanoTime();
    long drained = db.drainWithRawSql(RAW_BATCH);
    double seconds = (System.nanoTime() - started) / 1e9;
    if (drained != settings.events()) {
      throw new IllegalStateException("raw drain marked " + drained + " of " + settings.events());
    }
    return drained / seconds;
  }

  private double timePublisher(UUID tenant) throws Exception {
    db.clear();
    db.fill(tenant, settings.events());
    return PublishedCounter.drainWithNoOpHandler(
        store, settings, "bench-drain", new Progress(out, "publisher", settings.events()), settings.events(), 600_000);
  }
}
