package io.messagedriven.examples.bench;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.user.User;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.user.PostgresUsers;
import io.messagedriven.publisher.Publisher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * latency: users created through CreateUser at a steady rate from 8 writer threads paced by one
 * clock, while a publisher (default settings, woken by its signals) runs, either in the writers'
 * JVM ({@code in-jvm}) or as a process of its own ({@code out-of-band}); measures from the moment
 * the commit returned to the writer to the moment the handler started on the event, and how late
 * writers started against their schedule (a writer held up by the outbox shows there).
 */
final class LatencyBench {
  private static final String READY = "READY";
  /** Writes before the measured ones, so both JVMs have compiled their hot paths and filled their pools. */
  static final int WARM_UP_SECONDS = 5;

  /** Latencies and writer lateness, in microseconds. */
  record Result(String placement, long p50Micros, long p99Micros, long maxMicros, int events,
      long writerLateP99Micros, long writerLateMaxMicros, int handledAgain) {}

  private final PostgresStore store;
  private final BenchDatabase db;
  private final String jdbcUrl;
  private final PrintStream out;
  private final BenchSettings settings;

  LatencyBench(PostgresStore store, BenchDatabase db, String jdbcUrl, PrintStream out, BenchSettings settings) {
    this.store = store;
    this.db = db;
    this.jdbcUrl = jdbcUrl;
    this.out = out;
    this.settings = settings;
  }

  /**
   * The writers alone first (no publisher: what this machine's writers can keep to on their own,
   * the baseline of their lateness), then with the publisher in their JVM, then out of band.
   */
  List<Result> run() throws Exception {
    db.clear();
    Result alone = write("none", new ConcurrentHashMap<>(), new AtomicInteger());
    db.clear(); // before each publisher starts, so it never sees the events of the run before
    Result inJvm = inJvm();
    db.clear();
    return List.of(alone, inJvm, outOfBand());
  }

  private Result inJvm() throws Exception {
    Map<String, Long> started = new ConcurrentHashMap<>();
    AtomicInteger handled = new AtomicInteger();
    try (Publisher publisher = Publisher.builder()
        .outbox(store.outbox())
        .signals(store.signals())
        .handler(event -> {
          started.put(event.aggregateId(), epochMicros());
          handled.incrementAndGet();
        })
        .name("bench-latency")
        .build()) {
      publisher.start();
      Thread.sleep(500); // the LISTEN connection is up
      return write("in-jvm", started, handled);
    }
  }

  private Result outOfBand() throws Exception {
    Map<String, Long> started = new ConcurrentHashMap<>();
    AtomicInteger handled = new AtomicInteger();
    CountDownLatch ready = new CountDownLatch(1);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Bench.class.getName(), "latency-child", "--jdbc-url", jdbcUrl)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String[] parts = line.split(" ");
          if (line.equals(READY)) {
            ready.countDown();
          } else if (parts.length == 2) {
            started.put(parts[0], Long.parseLong(parts[1]));
            handled.incrementAndGet();
          }
        }
      } catch (java.io.IOException e) {
        // the child ended
      }
    }, "latency-child-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!ready.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the out-of-band publisher process did not start");
      }
      Thread.sleep(500); // its LISTEN connection is up
      return write("out-of-band", started, handled);
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }

  /** Writes at the steady rate; {@code started} fills with handler start times by user id. */
  private Result write(String placement, Map<String, Long> started, AtomicInteger handled) throws Exception {
    Clock clock = Clock.systemUTC();
    Tenant tenant = new CreateTenant(store.transactions(), clock)
        .handle(new CreateTenantCommand("latency-" + System.nanoTime() % 1_000_000, "Latency bench"));
    CreateUser createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
    int warmUp = settings.rate() * Math.min(WARM_UP_SECONDS, settings.seconds());
    int measured = settings.rate() * settings.seconds();
    int total = warmUp + measured;
    Map<String, Long> committed = new ConcurrentHashMap<>();
    long[] lateness = new long[measured];
    out.printf("latency %s: %,d users/s for %d s (%,d events) after a warm-up of %,d, commit to handler start%n",
        placement, settings.rate(), settings.seconds(), measured, warmUp);
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try {
      long intervalNanos = 1_000_000_000L / settings.rate();
      long begin = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = begin + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        if (i > 0 && i % settings.rate() == 0) {
          out.printf("  %s: %d s, %,d written%s%n", placement, i / settings.rate(), i,
              placement.equals("none") ? " (no publisher)" : String.format(", %,d handled", handled.get()));
        }
        int n = i;
        writers.execute(() -> {
          long late = Math.max(0, System.nanoTime() - due) / 1_000;
          User user = createUser.handle(CreateUserCommand.of(tenant.id(), "lat" + n + "@example.com", "User " + n));
          long at = epochMicros();
          if (n >= warmUp) {
            lateness[n - warmUp] = late;
            committed.put(user.id().toString(), at);
          }
        });
      }
      if (placement.equals("none")) {
        writers.shutdown();
        writers.awaitTermination(60, TimeUnit.SECONDS);
      } else {
        new Progress(out, "handled " + placement, total).await(started::size, 60_000);
      }
    } finally {
      writers.shutdown();
      writers.awaitTermination(10, TimeUnit.SECONDS);
    }
    long[] micros = committed.entrySet().stream()
        .filter(entry -> started.containsKey(entry.getKey()))
        .mapToLong(entry -> Math.max(0, started.get(entry.getKey()) - entry.getValue()))
        .toArray();
    if (micros.length == 0 && !placement.equals("none")) {
      throw new IllegalStateException("no event of the latency benchmark (" + placement + ") was handled");
    }
    return new Result(placement, micros.length == 0 ? 0 : Stats.percentile(micros, 50),
        micros.length == 0 ? 0 : Stats.percentile(micros, 99), micros.length == 0 ? 0 : Stats.percentile(micros, 100),
        micros.length, Stats.percentile(lateness, 99), Stats.percentile(lateness, 100),
        placement.equals("none") ? 0 : Math.max(0, handled.get() - started.size()));
  }

  /** Microseconds since the epoch: a clock the writers' JVM and a publisher process share. */
  static long epochMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  /**
   * In a child: a publisher with default settings and signals whose handler prints each event's
   * aggregate id (the user's id) and the moment it started, until the parent closes standard input.
   */
  static void child(String jdbcUrl) throws Exception {
    PrintStream lines = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(jdbcUrl).migrate(false).build();
        Publisher publisher = Publisher.builder().outbox(store.outbox()).signals(store.signals())
            .handler(event -> {
              long at = epochMicros();
              synchronized (lines) {
                lines.println(event.aggregateId() + " " + at);
                lines.flush();
              }
            })
            .name("bench-latency-out-of-band").build()) {
      publisher.start();
      synchronized (lines) {
        lines.println(READY);
        lines.flush();
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // runs until the parent closes standard input
      }
    }
  }
}
