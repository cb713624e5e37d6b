package io.messagedriven.examples;

import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The seed's out-of-band {@code message_publisher}: connects to a database and publishes its
 * outbox until stopped. Ctrl-C (SIGINT or SIGTERM) stops it cleanly: running handlers finish and
 * claimed events not yet started are given back.
 */
public final class MessagePublisher {
  private static final String USAGE = """
      usage: MessagePublisher --jdbc-url URL [--target log,rabbitmq,kafka,nats,webhook] [target flags]
                              [--name NAME] [--batch-size N] [--workers N]
        --jdbc-url             jdbc:postgresql://host:port/db?user=... (or MESSAGE_DRIVEN_JDBC_URL)
        --name                 publisher name for threads and leases (default message-publisher)
        --batch-size           events claimed at once (default 200)
        --workers              handler threads (default 4)
      """ + Targets.USAGE + """

      Every event goes to every target; it is marked published once all of them acknowledged it.""";

  private MessagePublisher() {}

  public static void main(String[] args) throws InterruptedException {
    int code = run(args, System.out, new CountDownLatch(1), true);
    System.exit(code);
  }

  /**
   * Publishes until {@code stop} counts down (or, with {@code onSignal}, the JVM is asked to
   * exit); returns the exit code.
   */
  static int run(String[] args, PrintStream out, CountDownLatch stop, boolean onSignal) throws InterruptedException {
    Args flags;
    try {
      Set<String> known = new HashSet<>(Set.of("jdbc-url", "name", "batch-size", "workers"));
      known.addAll(Targets.FLAGS);
      flags = Args.parse(args, known);
      if (flags.help()) {
        out.println(USAGE);
        return 0;
      }
      String url = flags.get("jdbc-url", System.getenv(Database.URL_VARIABLE));
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("--jdbc-url (or " + Database.URL_VARIABLE + ") is required");
      }
      int batchSize = flags.intValue("batch-size", 200, 1, 10_000);
      int workers = flags.intValue("workers", 4, 1, 1_000);
      Quiet.liquibase();
      try (Targets targets = Targets.from(flags);
          PostgresStore store = PostgresStore.builder().jdbcUrl(url).build()) {
        Publisher publisher = Publisher.builder()
            .outbox(store.outbox())
            .signals(store.signals())
            .handler(targets.router())
            .name(flags.get("name", "message-publisher"))
            .batchSize(batchSize)
            .workers(workers)
            .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
          stop.countDown();
          awaitQuietly(stopped);
        }, "message-publisher-shutdown");
        if (onSignal) {
          Runtime.getRuntime().addShutdownHook(hook);
        }
        publisher.start();
        out.println("Publishing from " + Database.redact(url) + " to " + String.join(", ", targets.names())
            + " as " + publisher.owner() + "; Ctrl-C to stop.");
        try {
          stop.await();
          out.println("Stopping: finishing in-flight events...");
          boolean clean = publisher.stop(Duration.ofSeconds(30));
          out.println(clean ? "Stopped cleanly." : "Stopped; some handlers were still running and will be retried.");
        } finally {
          stopped.countDown(); // lets the shutdown hook, and so the JVM, finish
        }
        return 0;
      }
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.println(USAGE);
      return 2;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
