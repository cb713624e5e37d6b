package io.messagedriven.examples.bench;

import io.messagedriven.examples.Args;
import io.messagedriven.examples.Database;
import io.messagedriven.examples.Quiet;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures events per second from the outbox to each broker target, acknowledged: fills the
 * outbox with N events by bulk SQL, drains it with a {@code Publisher} to the target's adapter,
 * and takes the median of several runs. As a baseline it sends the same number of messages with
 * the client directly (pipelined, acknowledged), so the table shows what the outbox costs.
 *
 * <p>RabbitMQ and NATS are taken from this machine ({@code 127.0.0.1:5672}, {@code :4222}); Kafka
 * from {@code --kafka-bootstrap} ({@code BrokerBenchWithKafka} in the examples' tests starts one
 * in the JVM); the webhook is a JDK HttpServer in this process. Without {@code --jdbc-url} the
 * outbox is an embedded PostgreSQL 17; with it, the benchmark truncates that database's events
 * and users, so give it a database of its own.
 */
public final class BrokerBench {
  private static final String USAGE = """
      usage: BrokerBench [--targets rabbitmq,kafka,nats,webhook] [--events N] [--runs N] [--smoke]
                         [--jdbc-url URL] [--batch-size N] [--workers N]
                         [--rabbitmq-uri URI] [--rabbitmq-queue durable|transient] [--nats-url URL]
                         [--kafka-bootstrap HOST:PORT]
        --targets          which to measure (default rabbitmq,kafka,nats,webhook; kafka needs --kafka-bootstrap)
        --events           events per run (default 50000)
        --runs             measured runs per target, the median is reported (default 3)
        --smoke            1000 events, one run, no warm-up: checks that everything works
        --jdbc-url         the outbox's database, whose events and users it truncates (default: an embedded PostgreSQL 17)
        --batch-size       publisher batch size (default 500)
        --workers          publisher workers; also the direct baseline's sending threads (default 4)
        --rabbitmq-uri     default amqp://guest:guest@127.0.0.1:5672
        --rabbitmq-queue   durable or transient: the queue bound to the exchange (default durable)
        --nats-url         default nats://127.0.0.1:4222
        --kafka-bootstrap  host:port of a Kafka broker""";
  private static final List<String> ALL = List.of("rabbitmq", "kafka", "nats", "webhook");

  private BrokerBench() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the benchmark; returns the exit code (2 for bad flags, 1 if a run fails). */
  public static int run(String[] args, PrintStream out) {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.println(USAGE);
      return 2;
    }
    if (settings == null) {
      out.println(USAGE);
      return 0;
    }
    Quiet.libraries();
    try (Database database = Database.openExplicit(settings.jdbcUrl, out);
        PostgresStore store = PostgresStore.builder().jdbcUrl(database.jdbcUrl()).changelog(PostgresUsers.CHANGELOG)
            .maximumPoolSize(16).build();
        BenchDatabase db = new BenchDatabase(database.jdbcUrl(), 4)) {
      OutboxRun outbox = new OutboxRun(store, db, db.createTenant(), settings.batchSize, settings.workers, out);
      out.printf(Locale.ROOT, "Brokers: %,d events per run, %d run(s), batch size %d, %d workers; load average %.1f%n",
          settings.events, settings.runs, settings.batchSize, settings.workers, loadAverage());
      Map<String, double[]> results = new LinkedHashMap<>();
      for (String name : settings.targets) {
        try (BenchTarget target = target(name, settings)) {
          results.put(name, measure(target, outbox, settings, out));
        }
      }
      printTable(results, settings, out);
      out.printf(Locale.ROOT, "load average at the end: %.1f on %d cores%n", loadAverage(),
          Runtime.getRuntime().availableProcessors());
      return 0;
    } catch (Exception e) {
      out.println("error: benchmark failed: " + e);
      return 1;
    }
  }

  private static BenchTarget target(String name, Settings settings) throws Exception {
    return switch (name) {
      case "rabbitmq" -> new RabbitMqTarget(settings.rabbitMqUri, settings.rabbitMqQueue.equals("durable"));
      case "kafka" -> new KafkaTarget(settings.kafkaBootstrap);
      case "nats" -> new NatsTarget(settings.natsUrl);
      default -> new WebhookTarget();
    };
  }

  /** Outbox and direct rates of one target: {outbox median, direct median}. */
  private static double[] measure(BenchTarget target, OutboxRun outbox, Settings settings, PrintStream out) throws Exception {
    String name = target.name();
    int window = Math.max(1, settings.batchSize / settings.workers);
    if (!settings.smoke) {
      int warmUp = Math.min(settings.events, 5_000);
      outbox.fill(warmUp);
      outbox.drain(name, target.handler(), warmUp);
      target.direct(warmUp, settings.workers, window);
      out.printf(Locale.ROOT, "  %-8s warmed up with %,d events%n", name, warmUp);
    }
    List<Double> viaOutbox = new ArrayList<>();
    List<Double> direct = new ArrayList<>();
    for (int run = 1; run <= settings.runs; run++) {
      long filling = System.nanoTime();
      outbox.fill(settings.events);
      double fillSeconds = (System.nanoTime() - filling) / 1e9;
      double rate = outbox.drain(name, target.handler(), settings.events);
      viaOutbox.add(rate);
      double directRate = target.direct(settings.events, settings.workers, window);
      direct.add(directRate);
      out.printf(Locale.ROOT, "  %-8s run %d/%d: filled in %.1f s; outbox %,.0f events/s, direct %,.0f msgs/s%n",
          name, run, settings.runs, fillSeconds, rate, directRate);
    }
    return new double[] {Stats.median(viaOutbox), Stats.median(direct)};
  }

  /** Other work on the machine skews every figure: the table says how busy it was. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void printTable(Map<String, double[]> results, Settings settings, PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "| target | outbox -> target, events/s (median of %d) | client directly, msgs/s | outbox / direct |%n",
        settings.runs);
    out.println("|---|---:|---:|---:|");
    results.forEach((name, rates) -> out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %.0f%% |%n",
        name, rates[0], rates[1], 100 * rates[0] / rates[1]));
  }

  /** The checked flags. */
  private static final class Settings {
    List<String> targets;
    int events;
    int runs;
    boolean smoke;
    String jdbcUrl;
    int batchSize;
    int workers;
    String rabbitMqUri;
    String rabbitMqQueue;
    String natsUrl;
    String kafkaBootstrap;

    /** The settings, or null when only help was asked for. */
    static Settings parse(String[] args) {
      String[] normalized = java.util.Arrays.stream(args).map(arg -> arg.equals("--smoke") ? "--smoke=true" : arg)
          .toArray(String[]::new);
      Args flags = Args.parse(normalized, Set.of("targets", "events", "runs", "smoke", "jdbc-url", "batch-size", "workers",
          "rabbitmq-uri", "rabbitmq-queue", "nats-url", "kafka-bootstrap"));
      if (flags.help()) {
        return null;
      }
      Settings settings = new Settings();
      String smoke = flags.get("smoke", "false");
      if (!smoke.equals("true") && !smoke.equals("false")) {
        throw new IllegalArgumentException("--smoke must be true or false, was " + smoke);
      }
      settings.smoke = Boolean.parseBoolean(smoke);
      settings.events = flags.intValue("events", settings.smoke ? 1_000 : 50_000, 1, 10_000_000);
      settings.runs = flags.intValue("runs", settings.smoke ? 1 : 3, 1, 99);
      settings.batchSize = flags.intValue("batch-size", 500, 1, 10_000);
      settings.workers = flags.intValue("workers", 4, 1, 64);
      settings.jdbcUrl = flags.get("jdbc-url");
      settings.rabbitMqUri = flags.get("rabbitmq-uri", "amqp://guest:guest@127.0.0.1:5672");
      settings.rabbitMqQueue = flags.get("rabbitmq-queue", "durable");
      if (!settings.rabbitMqQueue.equals("durable") && !settings.rabbitMqQueue.equals("transient")) {
        throw new IllegalArgumentException("--rabbitmq-queue must be durable or transient, was " + settings.rabbitMqQueue);
      }
      settings.natsUrl = flags.get("nats-url", "nats://127.0.0.1:4222");
      settings.kafkaBootstrap = flags.get("kafka-bootstrap");
      settings.targets = List.of(flags.get("targets", String.join(",", ALL)).split(",", -1));
      for (String target : settings.targets) {
        if (!ALL.contains(target)) {
          throw new IllegalArgumentException("--targets must be some of " + String.join(",", ALL) + ", was " + flags.get("targets"));
        }
      }
      if (settings.targets.contains("kafka") && settings.kafkaBootstrap == null) {
        throw new IllegalArgumentException("--kafka-bootstrap is required to measure kafka (or leave kafka out of --targets)");
      }
      return settings;
    }
  }
}
