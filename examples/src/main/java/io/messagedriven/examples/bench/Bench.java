package io.messagedriven.examples.bench;

import io.messagedriven.examples.Database;
import io.messagedriven.examples.Quiet;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code bench} command: drain, write, latency and heap benchmarks, each against a baseline
 * measured in the same run, ending with a summary table.
 *
 * <pre>
 * Bench [drain] [write] [latency] [heap] [--jdbc-url URL] [--smoke] [--events N] [--runs N]
 * </pre>
 *
 * With no benchmark named, all four run. Without {@code --jdbc-url} an embedded PostgreSQL is
 * started ({@code MESSAGE_DRIVEN_JDBC_URL} is ignored on purpose). The benchmark empties the
 * {@code events} and {@code users} tables of the database it is given: use a scratch database.
 * It exits 0 whether or not the targets were met; the summary says which were.
 */
public final class Bench {
  private static final Set<String> BENCHMARKS = Set.of("drain", "write", "latency", "heap");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    try {
      return parseAndRun(args, out);
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static int parseAndRun(String[] args, PrintStream out) throws Exception {
    Set<String> chosen = new LinkedHashSet<>();
    String url = null;
    BenchSettings settings = BenchSettings.FULL;
    Integer events = null;
    Integer runs = null;
    boolean child = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--jdbc-url" -> url = value(args, ++i, arg);
        case "--smoke" -> settings = BenchSettings.SMOKE;
        case "--events" -> events = positive(value(args, ++i, arg), arg);
        case "--runs" -> runs = positive(value(args, ++i, arg), arg);
        case "heap-child" -> child = true;
        case "--help", "-h" -> {
          out.println("usage: Bench [drain] [write] [latency] [heap] [--jdbc-url URL] [--smoke] [--events N] [--runs N]");
          return 0;
        }
        default -> {
          if (!BENCHMARKS.contains(arg)) {
            out.println("error: unknown argument " + arg + "; benchmarks are " + BENCHMARKS);
            return 2;
          }
          chosen.add(arg);
        }
      }
    }
    if (events != null || runs != null) {
      settings = new BenchSettings(events == null ? settings.events() : events, runs == null ? settings.runs() : runs,
          settings.writers(), settings.users(), settings.rate(), settings.seconds(),
          events == null ? settings.heapEvents() : events, settings.batchSize(), settings.workers());
    }
    Quiet.libraries();
    if (child) {
      HeapBench.child(url, settings.heapEvents(), settings, out);
      return 0;
    }
    if (chosen.isEmpty()) {
      chosen.addAll(List.of("drain", "write", "latency", "heap"));
    }
    return measure(chosen, url, settings, out);
  }

  private static int measure(Set<String> chosen, String url, BenchSettings settings, PrintStream out) throws Exception {
    List<String[]> rows = new ArrayList<>();
    boolean met = true;
    try (Database database = Database.openExplicit(url, out);
        PostgresStore store = PostgresStore.builder().jdbcUrl(database.jdbcUrl()).changelog(PostgresUsers.CHANGELOG)
            .maximumPoolSize(16).build();
        BenchDatabase db = new BenchDatabase(database.jdbcUrl(), 16)) {
      out.println("The benchmark empties the events and users tables of this database.");
      out.printf("cores: %d, max heap: %d MB%n", Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024));
      if (chosen.contains("drain")) {
        DrainBench.Result r = new DrainBench(store, db, out, settings).run();
        boolean ok = r.publisherPerSecond() >= 25_000 && r.ratio() >= 0.6;
        met &= ok;
        rows.add(row("drain (no-op handler)", perSecond(r.publisherPerSecond(), "events"),
            "raw SQL " + perSecond(r.rawPerSecond(), "events"), ratio(r.ratio()), ">= 25,000/s, >= 0.60", ok));
      }
      if (chosen.contains("write")) {
        WriteBench.Result r = new WriteBench(store, db, out, settings).run();
        boolean ok = r.ratio() >= 0.8;
        met &= ok;
        rows.add(row("write (CreateUser, " + settings.writers() + " threads)", perSecond(r.createUserPerSecond(), "users"),
            "raw JDBC " + perSecond(r.rawPerSecond(), "users"), ratio(r.ratio()), ">= 0.80", ok));
      }
      if (chosen.contains("latency")) {
        LatencyBench.Result r = new LatencyBench(store, db, out, settings).run();
        boolean ok = r.p50Micros() <= 2_000 && r.p99Micros() <= 10_000;
        met &= ok;
        rows.add(row("latency (commit to handler, " + settings.rate() + "/s)",
            String.format("p50 %.2f ms, p99 %.2f ms, max %.1f ms", r.p50Micros() / 1e3, r.p99Micros() / 1e3, r.maxMicros() / 1e3),
            r.events() + " events", "-", "p50 <= 2 ms, p99 <= 10 ms", ok));
      }
      if (chosen.contains("heap")) {
        HeapBench.Result r = HeapBench.runInChild(database.jdbcUrl(), settings.heapEvents(), out);
        met &= r.completed();
        rows.add(row("heap (" + String.format("%,d", settings.heapEvents()) + " events, " + HeapBench.MAX_HEAP + ")",
            r.completed() ? perSecond(r.perSecond(), "events") + ", peak heap " + r.peakHeapMb() + " MB" : "FAILED",
            "-", "-", "completes", r.completed()));
      }
    }
    printSummary(rows, out);
    out.println(met ? "All targets met." : "Some targets were missed (see the table).");
    return 0;
  }

  private static String[] row(String name, String measured, String baseline, String ratio, String target, boolean ok) {
    return new String[] {name, measured, baseline, ratio, target, ok ? "met" : "MISSED"};
  }

  private static void printSummary(List<String[]> rows, PrintStream out) {
    out.println();
    out.println("| benchmark | measured (median) | baseline, same run | ratio | target | |");
    out.println("|---|---|---|---|---|---|");
    for (String[] row : rows) {
      out.println("| " + String.join(" | ", row) + " |");
    }
    out.println();
  }

  private static String perSecond(double value, String unit) {
    return String.format("%,.0f %s/s", value, unit);
  }

  private static String ratio(double value) {
    return String.format("%.2f", value);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static int positive(String value, String flag) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 1) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a positive whole number, was " + value);
    }
  }
}
