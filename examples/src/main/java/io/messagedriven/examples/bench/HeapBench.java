package io.messagedriven.examples.bench;

import io.messagedriven.jdbi.PostgresStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * heap: a backlog drained under a small heap. The parent starts a child JVM with {@code
 * -Xmx128m} that fills the outbox and drains it; it passes if the child finishes without
 * running out of memory.
 */
final class HeapBench {
  static final String MAX_HEAP = "-Xmx128m";

  record Result(boolean completed, double perSecond, long peakHeapMb) {}

  /** A backlog of {@code events} and one of a tenth of it, each drained in a child; the second is the baseline. */
  record Backlogs(Result big, Result baseline) {
    double ratio() {
      return baseline.perSecond() == 0 ? 0 : big.perSecond() / baseline.perSecond();
    }
  }

  /** Drains a tenth of {@code events}, then {@code events}, each in a child JVM under {@link #MAX_HEAP}. */
  static Backlogs runBoth(String jdbcUrl, int events, PrintStream out) throws Exception {
    Result baseline = runInChild(jdbcUrl, Math.max(1, events / 10), out);
    return new Backlogs(runInChild(jdbcUrl, events, out), baseline);
  }

  private HeapBench() {}

  /** Runs the child JVM and relays its output; parses its last line. */
  static Result runInChild(String jdbcUrl, int events, PrintStream out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(
        java, MAX_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        Bench.class.getName(), "heap-child", "--jdbc-url", jdbcUrl, "--events", Integer.toString(events)));
    out.printf("heap: %,d events in a child JVM with %s%n", events, MAX_HEAP);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String last = "";
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        out.println("  | " + line);
        last = line;
      }
    }
    int code = child.waitFor();
    if (code != 0 || !last.startsWith("RESULT ")) {
      return new Result(false, 0, 0);
    }
    String[] parts = last.split(" ");
    return new Result(true, Double.parseDouble(parts[1]), Long.parseLong(parts[2]));
  }

  /** In the child: fill, drain, print {@code RESULT <events/s> <peak heap MB>}. */
  static void child(String jdbcUrl, int events, BenchSettings settings, PrintStream out) throws Exception {
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(jdbcUrl).build();
        BenchDatabase db = new BenchDatabase(jdbcUrl, 2)) {
      db.clear();
      UUID tenant = db.createTenant();
      out.printf("filling the outbox with %,d events...%n", events);
      for (int done = 0; done < events; done += 250_000) {
        db.fill(tenant, Math.min(250_000, events - done));
      }
      double perSecond = PublishedCounter.drainWithNoOpHandler(
          store, settings, "bench-heap", new Progress(out, "drained", events), events, 1_800_000);
      out.printf("RESULT %.0f %d%n", perSecond, peakHeapMb());
    }
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }
}
