package io.messagedriven.examples.bench;

import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * publishers: one backlog drained by 1, 2 and 4 publisher processes at once (child JVMs, each
 * one {@link Publisher} with the bench's batch size and workers, signals and a no-op handler).
 * Each run starts the children, tells them to go once all are ready, lets them drain a warm-up
 * backlog of {@value #WARM_UP} events per process, and more rounds of {@value #WARM_UP_ROUND}
 * per process while the children's JIT compilers still worked more than a twentieth of the
 * round's time per process (at most {@value #WARM_UP_ROUNDS} rounds in all), so their
 * compilation is not what is measured: each process compiles the same code, and four processes
 * that had drained 20,000 events each still spent more CPU in C2 during the measured drain than
 * in their claim threads. Then it appends N events in one statement and stops the clock when
 * none is left unpublished. The figure for 1 process is the baseline of the others.
 */
final class ScaleOutBench {
  static final List<Integer> PROCESSES = List.of(1, 2, 4);
  private static final String READY = "READY";
  private static final String GO = "GO";
  private static final String PUBLISHED = "PUBLISHED ";
  private static final long SAMPLE_MILLIS = 100;
  private static final long REPORT_MILLIS = 20;
  static final int WARM_UP = 20_000;
  static final int WARM_UP_ROUND = 10_000;
  static final int WARM_UP_ROUNDS = 6;
  /** Warm while the compilers' time exceeds this share of the round's time, per process. */
  private static final double COMPILING_SHARE = 0.05;

  /** Medians in events per second, by number of processes. */
  record Result(Map<Integer, Double> perSecond, Map<Integer, List<Double>> runs) {}

  private final String jdbcUrl;
  private final BenchDatabase db;
  private final PrintStream out;
  private final BenchSettings settings;

  ScaleOutBench(String jdbcUrl, BenchDatabase db, PrintStream out, BenchSettings settings) {
    this.jdbcUrl = jdbcUrl;
    this.db = db;
    this.out = out;
    this.settings = settings;
  }

  Result run() throws Exception {
    UUID tenant = db.createTenant();
    Map<Integer, List<Double>> runs = new LinkedHashMap<>();
    PROCESSES.forEach(n -> runs.put(n, new ArrayList<>()));
    for (int run = 1; run <= settings.runs(); run++) {
      out.printf("publishers run %d of %d: %,d events%n", run, settings.runs(), settings.events());
      for (int processes : PROCESSES) {
        runs.get(processes).add(drain(tenant, processes));
      }
      StringBuilder line = new StringBuilder("  ");
      runs.forEach((n, figures) -> line.append(String.format("%d: %,.0f/s  ", n, figures.get(figures.size() - 1))));
      out.println(line.toString().trim());
    }
    Map<Integer, Double> medians = new LinkedHashMap<>();
    runs.forEach((n, figures) -> medians.put(n, Stats.median(figures)));
    return new Result(medians, runs);
  }

  private double drain(UUID tenant, int processes) throws Exception {
    db.clear();
    List<Process> children = new ArrayList<>();
    try {
      for (int i = 0; i < processes; i++) {
        children.add(start(i));
      }
      Published published = new Published(processes);
      for (int i = 0; i < processes; i++) {
        published.follow(i, awaitReady(children.get(i)));
      }
      for (Process child : children) {
        Writer go = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        go.write(GO + "\n");
        go.flush();
      }
      warmUp(tenant, processes, children, published);
      long compilingBefore = published.compilingMillis();
      double cpuBefore = children.stream()
          .mapToDouble(child -> child.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
      long before = published.getAsLong();
      db.insert(new UUID[] {tenant}, settings.events(), 0);
      long started = System.nanoTime();
      long[] machineBefore = machineCpuTicks();
      Progress progress = new Progress(out, processes + " publisher processes", settings.events());
      if (!progress.await(() -> published.whileAlive(children) - before, 600_000)) {
        throw new IllegalStateException(processes + " publisher processes did not drain the outbox");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (!awaitNoneUnfinished()) {
        throw new IllegalStateException(processes + " publisher processes reported events published that are not");
      }
      long[] machineAfter = machineCpuTicks();
      double publishersCpu = children.stream()
          .mapToDouble(child -> child.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum()
          - cpuBefore;
      if (machineBefore != null && machineAfter != null) {
        double busy = (machineAfter[0] - machineBefore[0]) / 100.0;
        double total = (machineAfter[1] - machineBefore[1]) / 100.0;
        out.printf("    %d processes: %.1f s; machine CPU busy %.1f of %.1f core-seconds, of which the publisher"
            + " processes %.1f (their JIT compilers %.1f s, elapsed)%n", processes, seconds, busy, total, publishersCpu,
            (published.compilingMillis() - compilingBefore) / 1000.0);
      }
      return settings.events() / seconds;
    } finally {
      for (Process child : children) {
        child.getOutputStream().close(); // the child stops its publisher and exits
      }
      for (Process child : children) {
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      }
    }
  }

  /**
   * Drains the first warm-up, then further rounds while the children's JIT compilers were busy in
   * the round before: their compilation time (as the JVMs count it, elapsed), summed, grew by more
   * than {@link #COMPILING_SHARE} of the round's time times the number of processes.
   */
  private void warmUp(UUID tenant, int processes, List<Process> children, Published published) throws Exception {
    int events = Math.min(WARM_UP, settings.events()) * processes;
    for (int round = 1; ; round++) {
      long compilingBefore = published.compilingMillis();
      long publishedBefore = published.getAsLong();
      long started = System.nanoTime();
      db.insert(new UUID[] {tenant}, events, 0);
      if (!new Progress(out, processes + " publisher processes warming up (round " + round + ")", events)
          .await(() -> published.whileAlive(children) - publishedBefore, 600_000) || !awaitNoneUnfinished()) {
        throw new IllegalStateException(processes + " publisher processes did not drain the warm-up");
      }
      long compiling = published.compilingMillis() - compilingBefore;
      double allowed = COMPILING_SHARE * processes * (System.nanoTime() - started) / 1e6;
      out.printf("    warm-up round %d: the processes' JIT compilers worked %,d ms (warm below %,.0f)%n",
          round, compiling, allowed);
      if (compiling <= allowed) {
        return;
      }
      if (round == WARM_UP_ROUNDS) {
        out.printf("    the compilers had not settled after %d rounds; measuring anyway%n", round);
        return;
      }
      events = Math.min(WARM_UP_ROUND, settings.events()) * processes;
    }
  }

  /**
   * Once the children have reported every event published, asks the database that none is left
   * unfinished. A child counts an event only after its acknowledgement was recorded under its
   * lease, so none is counted twice and the first answer is no; this checks the count.
   */
  private boolean awaitNoneUnfinished() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (unfinished() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(SAMPLE_MILLIS);
    }
    return true;
  }

  /**
   * The events the children marked published, and the time their JIT compilers worked, as each
   * reports them every {@value #REPORT_MILLIS} ms. Counting the events in the database while the
   * publishers run loaded the database they are measured on: a count of the unfinished events
   * walks the in-flight rows, 30 to 50 ms of PostgreSQL's CPU every 100 ms.
   */
  private static final class Published implements java.util.function.LongSupplier {
    private static final Pattern REPORT = Pattern.compile("(\\d{1,18}) (\\d{1,18})");
    private final AtomicLongArray byChild;
    private final AtomicLongArray compilingByChild;

    Published(int children) {
      this.byChild = new AtomicLongArray(children);
      this.compilingByChild = new AtomicLongArray(children);
    }

    /** Reads a child's reports from the rest of its standard output, on a thread of its own. */
    void follow(int child, BufferedReader lines) {
      Thread reader = new Thread(() -> {
        try {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            Matcher report = REPORT.matcher(line.startsWith(PUBLISHED) ? line.substring(PUBLISHED.length()) : "");
            if (report.matches()) {
              byChild.set(child, Long.parseLong(report.group(1)));
              compilingByChild.set(child, Long.parseLong(report.group(2)));
            } // anything else is read and passed over, so the child never blocks on a full pipe
          }
        } catch (java.io.IOException e) {
          // the child is gone: whileAlive says so
        }
      }, "bench-child-" + child);
      reader.setDaemon(true);
      reader.start();
    }

    /**
     * The sum, as long as every child runs.
     *
     * @throws IllegalStateException naming the first child that exited
     */
    long whileAlive(List<Process> children) {
      for (int i = 0; i < children.size(); i++) {
        if (!children.get(i).isAlive()) {
          throw new IllegalStateException("publisher process " + (i + 1) + " of " + children.size()
              + " exited with " + children.get(i).exitValue() + " while draining");
        }
      }
      return getAsLong();
    }

    /** The milliseconds the children's JIT compilers have worked, summed. */
    long compilingMillis() {
      return sum(compilingByChild);
    }

    @Override
    public long getAsLong() {
      return sum(byChild);
    }

    private static long sum(AtomicLongArray values) {
      long sum = 0;
      for (int i = 0; i < values.length(); i++) {
        sum += values.get(i);
      }
      return sum;
    }
  }

  /** Busy and total CPU ticks of the machine (USER_HZ, 100 a second), from /proc/stat; null elsewhere. */
  private static long[] machineCpuTicks() {
    try {
      String[] fields = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new long[] {total - idle, total};
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private long unfinished() {
    try {
      return db.count("published_at is null and failed_at is null");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Process start(int number) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Bench.class.getName(), "publisher-child", "--jdbc-url", jdbcUrl,
        "--batch-size", Integer.toString(settings.batchSize()), "--workers", Integer.toString(settings.workers()));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Waits for the child to say it is ready; returns the rest of its standard output. */
  private static BufferedReader awaitReady(Process child) throws Exception {
    BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.equals(READY)) {
        return lines;
      }
    }
    throw new IllegalStateException("a publisher process exited before it was ready: " + child.waitFor());
  }

  /** The time the JIT compilers have worked, in ms, or 0 where the JVM does not count it. */
  private static long compilingMillis(CompilationMXBean compiler) {
    return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
  }

  /**
   * In a child: one publisher on {@code jdbcUrl}, started when the parent says so on standard
   * input and stopped when the parent closes it.
   */
  static void child(String jdbcUrl, int batchSize, int workers) throws Exception {
    PublishedCounter published = new PublishedCounter();
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(jdbcUrl).migrate(false).build();
        Publisher publisher = Publisher.builder().outbox(store.outbox()).signals(store.signals()).handler(event -> { })
            .listener(published).batchSize(batchSize).workers(workers).name("bench-scale-out").build()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      System.out.println(READY);
      System.out.flush();
      String line = in.readLine();
      if (!GO.equals(line)) {
        return;
      }
      publisher.start();
      CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
      Thread report = new Thread(() -> {
        try {
          while (true) {
            System.out.println(PUBLISHED + published.count() + " " + compilingMillis(compiler));
            System.out.flush();
            Thread.sleep(REPORT_MILLIS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "bench-report");
      report.setDaemon(true);
      report.start();
      while (in.readLine() != null) {
        // runs until the parent closes standard input
      }
    }
  }
}
