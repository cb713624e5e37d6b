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
 * The {@code bench} command: drain, write, publishers, latency and heap benchmarks, each against
 * a baseline measured in the same run, ending with a summary table.
 *
 * <pre>
 * Bench [drain] [write] [publishers] [latency] [heap] [--jdbc-url URL] [--smoke] [--events N] [--runs N] [--seconds N]
 * </pre>
 *
 * With no benchmark named, all five run. Without {@code --jdbc-url} an embedded PostgreSQL is
 * started ({@code MESSAGE_DRIVEN_JDBC_URL} is ignored on purpose). The benchmark empties the
 * {@code events} and {@code users} tables of the database it is given: use a scratch database.
 * It exits 0 whether or not the targets were met; the summary says which were.
 */
public final class Bench {
  private static final List<String> ALL = List.of("drain", "write", "publishers", "latency", "heap");
  private static final Set<String> BENCHMARKS = Set.copyOf(ALL);
  private static final String USAGE =
      "usage: Bench [drain] [write] [publishers] [latency] [heap] [--jdbc-url URL] [--smoke] [--events N] [--runs N] [--seconds N]";

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
    Integer seconds = null;
    String child = null;
    int childBatch = BenchSettings.FULL.batchSize();
    int childWorkers = BenchSettings.FULL.workers();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--jdbc-url" -> url = value(args, ++i, arg);
        case "--smoke" -> settings = BenchSettings.SMOKE;
        case "--events" -> events = positive(value(args, ++i, arg), arg);
        case "--runs" -> runs = positive(value(args, ++i, arg), arg);
        case "--seconds" -> seconds = positive(value(args, ++i, arg), arg);
        case "heap-child", "publisher-child", "latency-child" -> child = arg;
        case "--batch-size" -> childBatch = positive(value(args, ++i, arg), arg);
        case "--workers" -> childWorkers = positive(value(args, ++i, arg), arg);
        case "--help", "-h" -> {
          out.println(USAGE);
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
    if (events != null || runs != null || seconds != null) {
      settings = new BenchSettings(events == null ? settings.events() : events, runs == null ? settings.runs() : runs,
          settings.writers(), settings.users(), settings.rate(), seconds == null ? settings.seconds() : seconds,
          events == null ? settings.heapEvents() : events, settings.batchSize(), settings.workers());
    }
    Quiet.libraries();
    if (child != null) {
      switch (child) {
        case "heap-child" -> HeapBench.child(url, settings.heapEvents(), settings, out);
        case "publisher-child" -> ScaleOutBench.child(url, childBatch, childWorkers);
        default -> LatencyBench.child(url);
      }
      return 0;
    }
    if (chosen.isEmpty()) {
      chosen.addAll(ALL);
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
      out.println("load average at the start: " + loadAverage());
      if (chosen.contains("drain")) {
        DrainBench.Result r = new DrainBench(store, db, out, settings).run();
        double single = r.single();
        met &= add(rows, "drain, 1 tenant, single-event aggregates", perSecond(single, "events"),
            "one-pass FIFO ceiling " + perSecond(r.onePass(), "events"), single / r.onePass(), 0.4);
        met &= add(rows, "drain, same", perSecond(single, "events"),
            "protocol ceiling " + perSecond(r.protocol(), "events"), single / r.protocol(), 0.8);
        met &= add(rows, "drain, " + DrainBench.DEEP_AGGREGATES + " deep aggregates", perSecond(r.publisher().get("deep"), "events"),
            "single-event aggregates", r.publisher().get("deep") / single, 0.5);
        for (String tenants : List.of("tenants-100", "tenants-10000")) {
          met &= add(rows, "drain, " + tenants.substring(8) + " busy tenants", perSecond(r.publisher().get(tenants), "events"),
              "1 tenant", r.publisher().get(tenants) / single, 0.7);
        }
      }
      if (chosen.contains("write")) {
        WriteBench.Result r = new WriteBench(store, db, out, settings).run();
        met &= add(rows, "write (CreateUser, " + settings.writers() + " threads)", perSecond(r.createUserPerSecond(), "users"),
            "raw JDBC without trigger " + perSecond(r.noTriggerPerSecond(), "users") + " (with: "
                + perSecond(r.rawPerSecond(), "users") + ")", r.ratio(), 0.9);
      }
      if (chosen.contains("publishers")) {
        ScaleOutBench.Result r = new ScaleOutBench(database.jdbcUrl(), db, out, settings).run();
        double one = r.perSecond().get(1);
        for (int processes : ScaleOutBench.PROCESSES.subList(1, ScaleOutBench.PROCESSES.size())) {
          met &= add(rows, "drain, " + processes + " publisher processes", perSecond(r.perSecond().get(processes), "events"),
              "1 process " + perSecond(one, "events"), r.perSecond().get(processes) / one, 0.95);
        }
      }
      if (chosen.contains("latency")) {
        List<LatencyBench.Result> results = new LatencyBench(store, db, database.jdbcUrl(), out, settings).run();
        LatencyBench.Result alone = results.get(0);
        rows.add(row("latency baseline: writers alone at " + settings.rate() + "/s, no publisher", "-",
            String.format("writers late p99 %.2f ms, max %.1f ms", alone.writerLateP99Micros() / 1e3,
                alone.writerLateMaxMicros() / 1e3), "-", "-", null));
        for (LatencyBench.Result r : results.subList(1, results.size())) {
          boolean inJvm = r.placement().equals("in-jvm");
          long p50 = inJvm ? 1_000 : 5_000;
          long p99 = inJvm ? 5_000 : 20_000;
          boolean ok = r.p50Micros() <= p50 && r.p99Micros() <= p99 && (!inJvm || r.maxMicros() <= 50_000);
          met &= ok;
          rows.add(row("latency, publisher " + r.placement() + " (commit to handler, " + settings.rate() + "/s)",
              String.format("p50 %.2f ms, p99 %.2f ms, max %.1f ms", r.p50Micros() / 1e3, r.p99Micros() / 1e3, r.maxMicros() / 1e3),
              String.format("%,d events (%,d handled again); writers late p99 %.2f ms, max %.1f ms", r.events(),
                  r.handledAgain(), r.writerLateP99Micros() / 1e3, r.writerLateMaxMicros() / 1e3),
              "-", inJvm ? "p50 <= 1, p99 <= 5, max <= 50 ms" : "p50 <= 5, p99 <= 20 ms", ok));
        }
      }
      if (chosen.contains("heap")) {
        HeapBench.Backlogs r = HeapBench.runBoth(database.jdbcUrl(), settings.heapEvents(), out);
        boolean completed = r.big().completed() && r.baseline().completed();
        met &= completed && r.ratio() >= 0.9;
        rows.add(row("backlog of " + String.format("%,d", settings.heapEvents()) + " events, " + HeapBench.MAX_HEAP,
            completed ? perSecond(r.big().perSecond(), "events") + ", peak heap " + r.big().peakHeapMb() + " MB" : "FAILED",
            String.format("%,d events ", settings.heapEvents() / 10) + perSecond(r.baseline().perSecond(), "events"),
            ratio(r.ratio()), ">= 0.90, completes", completed && r.ratio() >= 0.9));
      }
      out.println("load average at the end: " + loadAverage());
    }
    printSummary(rows, out);
    out.println(met ? "All targets met." : "Some targets were missed (see the table).");
    return 0;
  }

  /** Adds a row measured against a baseline; returns whether {@code ratio} reached {@code target}. */
  private static boolean add(List<String[]> rows, String name, String measured, String baseline, double ratio, double target) {
    boolean ok = ratio >= target;
    rows.add(row(name, measured, baseline, ratio(ratio), String.format(">= %.2f", target), ok));
    return ok;
  }

  /** The 1, 5 and 15 minute load averages, from /proc/loadavg where there is one. */
  private static String loadAverage() {
    try {
      String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** A row of the summary; {@code ok} null for a row that has no target. */
  private static String[] row(String name, String measured, String baseline, String ratio, String target, Boolean ok) {
    return new String[] {name, measured, baseline, ratio, target, ok == null ? "" : ok ? "met" : "MISSED"};
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
