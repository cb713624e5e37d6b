package io.messagedriven.examples;

import io.messagedriven.application.port.StoreException;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's out-of-band {@code message_publisher}: connects to a database and publishes its
 * outbox until stopped. SIGTERM or Ctrl-C stops it cleanly (running handlers finish, claimed
 * events not yet started are given back) and it exits 0; 1 if a handler was still running after
 * 30 s (its event is handled again later).
 *
 * <p>A database that is down or unreachable is waited for: one log line per try, 1 s apart and
 * then twice as long each time, up to 30 s. Settings that no wait can fix end it with one line on
 * stderr: a bad flag or a JDBC URL the driver cannot parse exits {@value Exit#USAGE}, a database
 * that refuses them (unknown database or role, wrong password) exits {@value Exit#REFUSED}.
 */
public final class MessagePublisher {
  private static final Logger log = LoggerFactory.getLogger(MessagePublisher.class);
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
  private static final String USAGE = """
      usage: MessagePublisher --jdbc-url URL [--target log,rabbitmq,kafka,nats,webhook] [target flags]
                              [--name NAME] [--batch-size N] [--workers N]
        --jdbc-url             jdbc:postgresql://host:port/db?user=... (or MESSAGE_DRIVEN_JDBC_URL)
        --name                 publisher name for threads and leases (default message-publisher)
        --batch-size           events claimed at once (default 200)
        --workers              handler threads (default 4)
      """ + Targets.USAGE + """

      Every event goes to every target; it is marked published once all of them acknowledged it.
      Exit codes: 0 stopped cleanly, 1 stopped with handlers still running, 2 bad flags,
      3 the database refuses the settings (unknown database or role, wrong password).""";

  private MessagePublisher() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err, new CountDownLatch(1), true));
  }

  /**
   * Publishes until {@code stop} counts down (or, with {@code onSignal}, SIGTERM or SIGINT
   * arrives); returns the exit code.
   */
  static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop, boolean onSignal)
      throws InterruptedException {
    Args flags;
    String url;
    try {
      Set<String> known = new HashSet<>(Set.of("jdbc-url", "name", "batch-size", "workers"));
      known.addAll(Targets.FLAGS);
      flags = Args.parse(args, known);
      if (flags.help()) {
        out.println(USAGE);
        return Exit.OK;
      }
      url = flags.get("jdbc-url", System.getenv(Database.URL_VARIABLE));
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("--jdbc-url (or " + Database.URL_VARIABLE + ") is required");
      }
      flags.intValue("batch-size", 200, 1, 10_000);
      flags.intValue("workers", 4, 1, 1_000);
      Quiet.libraries();
      Optional<String> malformed = DatabaseFailures.malformed(url);
      if (malformed.isPresent()) {
        throw new IllegalArgumentException(malformed.get());
      }
    } catch (IllegalArgumentException e) {
      return usageError(e, err);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    if (onSignal) {
      StopSignals.install(stop, stopped);
    }
    try (Targets targets = Targets.from(flags)) {
      Optional<PostgresStore> opened;
      try {
        opened = open(url, stop);
      } catch (StoreException refused) {
        return Exit.with(Exit.REFUSED, refused.getMessage(), err);
      }
      if (opened.isEmpty()) {
        out.println("Stopped before the database could be reached.");
        return Exit.OK;
      }
      try (PostgresStore store = opened.get()) {
        return publish(store, targets, flags, url, out, stop);
      }
    } catch (IllegalArgumentException e) {
      return usageError(e, err);
    } finally {
      stopped.countDown(); // lets the fallback shutdown hook, and so the JVM, finish
    }
  }

  /**
   * Opens the store, waiting while the database cannot be reached; empty if {@code stop} came
   * first.
   *
   * @throws StoreException when the database refuses the settings, which waiting will not change
   */
  private static Optional<PostgresStore> open(String url, CountDownLatch stop) throws InterruptedException {
    Duration wait = FIRST_WAIT;
    while (true) {
      try {
        return Optional.of(PostgresStore.builder().jdbcUrl(url).build());
      } catch (StoreException e) {
        if (!DatabaseFailures.waitingHelps(e)) {
          throw e;
        }
        log.warn("the database is not reachable, trying again in {} s: {}", wait.toSeconds(), Exit.oneLine(e.getMessage()));
        if (stop.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          return Optional.empty();
        }
        wait = wait.multipliedBy(2);
        if (wait.compareTo(LONGEST_WAIT) > 0) {
          wait = LONGEST_WAIT;
        }
      }
    }
  }

  private static int publish(PostgresStore store, Targets targets, Args flags, String url, PrintStream out,
      CountDownLatch stop) throws InterruptedException {
    Publisher publisher = Publisher.builder()
        .outbox(store.outbox())
        .signals(store.signals())
        .handler(targets.router())
        .name(flags.get("name", "message-publisher"))
        .batchSize(flags.intValue("batch-size", 200, 1, 10_000))
        .workers(flags.intValue("workers", 4, 1, 1_000))
        .build();
    publisher.start();
    out.println("Publishing from " + Database.redact(url) + " to " + String.join(", ", targets.names())
        + " as " + publisher.owner() + "; Ctrl-C to stop.");
    stop.await();
    out.println("Stopping: finishing in-flight events...");
    boolean clean = publisher.stop(Duration.ofSeconds(30));
    out.println(clean ? "Stopped cleanly." : "Stopped; some handlers were still running and will be retried.");
    return clean ? Exit.OK : Exit.FAILED;
  }

  private static int usageError(IllegalArgumentException e, PrintStream err) {
    return Exit.with(Exit.USAGE, e.getMessage() + " (--help lists the flags)", err);
  }
}
