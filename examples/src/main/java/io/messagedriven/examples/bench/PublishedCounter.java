package io.messagedriven.examples.bench;

import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import java.util.concurrent.atomic.LongAdder;

/** Counts the events a publisher marked published. */
final class PublishedCounter implements PublishingListener {
  private final LongAdder published = new LongAdder();

  @Override
  public void published(ClaimedEvent event) {
    published.increment();
  }

  long count() {
    return published.sum();
  }

  /**
   * Drains {@code total} events through a publisher with a no-op handler and the bench's batch
   * size and workers, showing progress; returns events per second.
   *
   * @throws IllegalStateException if they were not all published within {@code timeoutMillis}
   */
  static double drainWithNoOpHandler(
      PostgresStore store, BenchSettings settings, String name, Progress progress, long total, long timeoutMillis)
      throws InterruptedException {
    PublishedCounter published = new PublishedCounter();
    try (Publisher publisher = Publisher.builder()
        .outbox(store.outbox())
        .handler(event -> { })
        .listener(published)
        .batchSize(settings.batchSize())
        .workers(settings.workers())
        .name(name)
        .build()) {
      long started = System.nanoTime();
      publisher.start();
      boolean done = progress.await(published::count, timeoutMillis);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (!done) {
        throw new IllegalStateException("the publisher did not drain " + total + " events");
      }
      return published.count() / seconds;
    }
  }
}
