package io.messagedriven.examples;

import io.messagedriven.application.port.StoreException;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The seed's out-of-band {@code message_publisher}: connects to a database and publishes its
 * outbox until stopped. Every setting of the store, the publisher and each target is a flag
 * ({@code --help} lists them with their defaults). SIGTERM or Ctrl-C stops it cleanly (running
 * handlers finish within {@code --stop-timeout}, claimed events not yet started are given back)
 * and it exits 0; 1 if a handler was still running then (its event is handled again later).
 *
 * <p>A database that is down or unreachable is waited for: one log line per try, 1 s apart and
 * then twice as long each time, up to 30 s. Settings that no wait can fix end it with one line on
 * stderr: a bad flag or a JDBC URL the driver cannot parse exits {@value Exit#USAGE}, a database
 * that refuses them (unknown database or role, wrong password) exits {@value Exit#REFUSED}.
 */
@Command(name = "MessagePublisher", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
    abbreviateSynopsis = true,
    description = "Publishes the outbox of a PostgreSQL database to its targets until stopped.",
    footer = {"", "Every event goes to every target; it is marked published once all of them acknowledged it.",
        "Durations: 500ms, 30s, 5m, 2h, 7d or ISO-8601 (PT30S).",
        "Exit codes: 0 stopped cleanly, 1 stopped with handlers still running, 2 bad flags,",
        "3 the database refuses the settings (unknown database or role, wrong password)."})
public final class MessagePublisher {
  private static final Logger log = LoggerFactory.getLogger(MessagePublisher.class);
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  @Mixin PublisherOptions settings;
  @Mixin Targets.Options targetFlags;

  MessagePublisher() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err, new CountDownLatch(1), true));
  }

  /**
   * Publishes until {@code stop} counts down (or, with {@code onSignal}, SIGTERM or SIGINT
   * arrives); returns the exit code.
   */
  static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop, boolean onSignal)
      throws InterruptedException {
    MessagePublisher command = new MessagePublisher();
    CommandLine line = new CommandLine(command);
    try {
      line.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return usageError(e.getMessage(), err);
    }
    if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
      line.usage(new PrintWriter(out, true, StandardCharsets.UTF_8));
      return Exit.OK;
    }
    return command.publish(out, err, stop, onSignal);
  }

  private int publish(PrintStream out, PrintStream err, CountDownLatch stop, boolean onSignal)
      throws InterruptedException {
    String url = settings.jdbcUrl;
    Publisher.Builder publisher;
    try {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("--jdbc-url (or " + Database.URL_VARIABLE + ") is required");
      }
      Quiet.libraries();
      Optional<String> malformed = DatabaseFailures.malformed(url);
      if (malformed.isPresent()) {
        throw new IllegalArgumentException(malformed.get());
      }
      publisher = settings.publisher();
    } catch (IllegalArgumentException e) {
      return usageError(e.getMessage(), err);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    if (onSignal) {
      StopSignals.install(stop, stopped);
    }
    try (Targets targets = targetFlags.open()) {
      Optional<PostgresStore> opened;
      try {
        opened = open(settings.store(url), stop);
      } catch (StoreException refused) {
        return Exit.with(Exit.REFUSED, refused.getMessage(), err);
      }
      if (opened.isEmpty()) {
        out.println("Stopped before the database could be reached.");
        return Exit.OK;
      }
      try (PostgresStore store = opened.get()) {
        return publish(store, publisher, targets, url, out, stop);
      }
    } catch (IllegalArgumentException e) {
      return usageError(e.getMessage(), err);
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
  private static Optional<PostgresStore> open(PostgresStore.Builder store, CountDownLatch stop)
      throws InterruptedException {
    Duration wait = FIRST_WAIT;
    while (true) {
      try {
        return Optional.of(store.build());
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

  private int publish(PostgresStore store, Publisher.Builder builder, Targets targets, String url, PrintStream out,
      CountDownLatch stop) throws InterruptedException {
    Publisher publisher = builder.outbox(store.outbox()).signals(store.signals()).handler(targets.router()).build();
    publisher.start();
    out.println("Publishing from " + Database.redact(url) + " to " + String.join(", ", targets.names())
        + " as " + publisher.owner() + "; Ctrl-C to stop.");
    stop.await();
    out.println("Stopping: finishing in-flight events...");
    boolean clean = publisher.stop(settings.stopTimeout);
    out.println(clean ? "Stopped cleanly." : "Stopped; some handlers were still running and will be retried.");
    return clean ? Exit.OK : Exit.FAILED;
  }

  private static int usageError(String problem, PrintStream err) {
    return Exit.with(Exit.USAGE, problem + " (--help lists the flags)", err);
  }
}
