package io.messagedriven.examples.bench;

import io.messagedriven.jdbi.PostgresStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * drain: backlogs of N pending events through a no-op handler, in the shapes real outboxes have,
 * against two raw-SQL ceilings measured in the same run on the same table, indexes and rows.
 *
 * <ul>
 *   <li>{@code one-pass}: the oldest pending rows, in write order, marked published in one
 *       statement per batch: the ceiling of any consumer of the table.
 *   <li>{@code protocol}: what a publisher must do, in raw SQL (see {@link
 *       BenchDatabase#drainProtocol}): claim with lease, token and the per-aggregate head rule,
 *       then acknowledge by id and token.
 *   <li>the publisher on one tenant's single-event aggregates ({@code single}), on the same
 *       number of events in 10 aggregates ({@code deep}), and dealt round 100 and 10,000 tenants.
 * </ul>
 *
 * Every run measures each side once, in that order; medians are reported.
 */
final class DrainBench {
  static final int RAW_BATCH = 500;
  static final int DEEP_AGGREGATES = 10;

  /** A backlog shape: its tenants and its aggregates per tenant (0: one per event). */
  record Shape(String name, int tenants, int aggregates) {}

  static final List<Shape> SHAPES = List.of(
      new Shape("single", 1, 0),
      new Shape("deep", 1, DEEP_AGGREGATES),
      new Shape("tenants-100", 100, 0),
      new Shape("tenants-10000", 10_000, 0));

  /** Medians in events per second: the two ceilings and the publisher on each shape. */
  record Result(double onePass, double protocol, Map<String, Double> publisher, Map<String, List<Double>> runs) {
    double single() {
      return publisher.get("single");
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
    Map<String, UUID[]> tenants = new LinkedHashMap<>();
    for (Shape shape : SHAPES) {
      tenants.put(shape.name(), db.createTenants(shape.tenants()));
    }
    Map<String, List<Double>> runs = new LinkedHashMap<>();
    runs.put("one-pass", new ArrayList<>());
    runs.put("protocol", new ArrayList<>());
    SHAPES.forEach(shape -> runs.put(shape.name(), new ArrayList<>()));
    UUID single = tenants.get("single")[0];
    for (int run = 1; run <= settings.runs(); run++) {
      out.printf("drain run %d of %d: %,d events per side%n", run, settings.runs(), settings.events());
      runs.get("one-pass").add(timeRaw("one-pass", single, () -> db.drainOnePass(RAW_BATCH)));
      runs.get("protocol").add(timeRaw("protocol", single, () -> db.drainProtocol(single, RAW_BATCH)));
      for (Shape shape : SHAPES) {
        runs.get(shape.name()).add(timePublisher(shape, tenants.get(shape.name())));
      }
      StringBuilder line = new StringBuilder("  ");
      runs.forEach((side, figures) -> line.append(String.format("%s %,.0f/s  ", side, figures.get(figures.size() - 1))));
      out.println(line.toString().trim());
    }
    Map<String, Double> publisher = new LinkedHashMap<>();
    SHAPES.forEach(shape -> publisher.put(shape.name(), Stats.median(runs.get(shape.name()))));
    return new Result(Stats.median(runs.get("one-pass")), Stats.median(runs.get("protocol")), publisher, runs);
  }

  @FunctionalInterface
  private interface RawDrain {
    long drain() throws Exception;
  }

  private double timeRaw(String label, UUID tenant, RawDrain drain) throws Exception {
    db.clear();
    db.fill(tenant, settings.events());
    long started = System.nanoTime();
    long drained = drain.drain();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (drained != settings.events()) {
      throw new IllegalStateException(label + " drain marked " + drained + " of " + settings.events());
    }
    return drained / seconds;
  }

  private double timePublisher(Shape shape, UUID[] tenants) throws Exception {
    db.clear();
    db.fill(tenants, settings.events(), shape.aggregates());
    return PublishedCounter.drainWithNoOpHandler(store, settings, "bench-" + shape.name(),
        new Progress(out, "publisher " + shape.name(), settings.events()), settings.events(), 600_000);
  }
}
