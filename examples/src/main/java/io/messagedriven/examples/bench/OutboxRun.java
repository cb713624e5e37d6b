package io.messagedriven.examples.bench;

import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.Failure;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** One measured run: an outbox of N pending events, drained to a target's adapter by a publisher. */
final class OutboxRun {
  private static final long LIMIT_MILLIS = Duration.ofMinutes(5).toMillis();

  private final PostgresStore store;
  private final BenchDatabase db;
  private final UUID tenant;
  private final int batchSize;
  private final int workers;
  private final PrintStream out;

  OutboxRun(PostgresStore store, BenchDatabase db, UUID tenant, int batchSize, int workers, PrintStream out) {
    this.store = store;
    this.db = db;
    this.tenant = tenant;
    this.batchSize = batchSize;
    this.workers = workers;
    this.out = out;
  }

  /** Empties the outbox and appends {@code count} pending events, one aggregate each, by bulk SQL. */
  void fill(int count) throws Exception {
    db.clear();
    db.fill(tenant, count);
  }

  /**
   * Publishes the outbox to {@code handler} until {@code count} events are published (each one
   * acknowledged by the target); returns events per second.
   *
   * @throws IllegalStateException if the run takes longer than 5 minutes
   */
  double drain(String label, EventHandler handler, int count) throws InterruptedException {
    LongAdder published = new LongAdder();
    AtomicInteger retries = new AtomicInteger();
    AtomicReference<Failure> failure = new AtomicReference<>();
    Publisher publisher = Publisher.builder()
        .outbox(store.outbox())
        .signals(store.signals())
        .handler(handler)
        .name("bench-" + label)
        .batchSize(batchSize)
        .workers(workers)
        .pollInterval(Duration.ofMillis(50))
        .retryPolicy(RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(100), Duration.ofSeconds(1)))
        .listener(new PublishingListener() {
          @Override
          public void published(ClaimedEvent event) {
            published.increment();
          }

          @Override
          public void retried(ClaimedEvent event, Duration delay, Failure why) {
            retries.incrementAndGet();
            failure.compareAndSet(null, why);
          }

          @Override
          public void failed(ClaimedEvent event, Failure why) {
            failure.set(why);
          }
        })
        .build();
    long started = System.nanoTime();
    publisher.start();
    try {
      if (!new Progress(out, label, count).await(published::sum, LIMIT_MILLIS)) {
        throw new IllegalStateException(published.sum() + " of " + count + " published; " + retries
            + " retries, first failure: " + describe(failure.get()));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (retries.get() > 0) {
        out.println("    (" + retries + " attempts were retried: " + describe(failure.get()) + ")");
      }
      return count / seconds;
    } finally {
      publisher.stop(Duration.ofSeconds(30));
    }
  }

  private static String describe(Failure failure) {
    return failure == null ? "none" : failure.errorClass() + ": " + failure.message();
  }
}
