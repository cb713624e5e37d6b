package io.messagedriven.publisher.internal;

import io.messagedriven.application.port.OutboxPort;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes events published longer ago than the retention, on a thread of its own so claims are
 * never held up: about once a minute (with jitter, so publishers started together spread out),
 * batch after batch until a batch comes back short, within a time budget.
 */
final class RetentionPurge implements Runnable {
  private static final Logger log = LoggerFactory.getLogger("io.messagedriven.publisher.Publisher");
  private static final int BATCH = 5_000;
  private static final long BUDGET_NANOS = Duration.ofSeconds(30).toNanos();
  private static final long EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

  private final OutboxPort outbox;
  private final Duration keepPublished;
  private final String owner;
  private volatile boolean running = true;

  /** @param keepPublished the retention, or null to keep published events forever */
  RetentionPurge(OutboxPort outbox, Duration keepPublished, String owner) {
    this.outbox = outbox;
    this.keepPublished = keepPublished;
    this.owner = owner;
  }

  /** Whether a purge thread is needed at all. */
  boolean enabled() {
    return keepPublished != null;
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      try {
        purgeOnce();
        Thread.sleep(EVERY_MILLIS + ThreadLocalRandom.current().nextLong(EVERY_MILLIS / 4));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        RetriedFailure.warn(log, e, "publisher {} cannot purge published events, trying again later", owner);
        try {
          Thread.sleep(EVERY_MILLIS);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void purgeOnce() {
    long deadline = System.nanoTime() + BUDGET_NANOS;
    int purged = 0;
    int deleted;
    do {
      deleted = outbox.purgePublished(keepPublished, BATCH);
      purged += deleted;
    } while (running && deleted == BATCH && System.nanoTime() - deadline < 0);
    if (purged > 0) {
      log.info("publisher {} purged {} events published more than {} ago", owner, purged, keepPublished);
    }
  }
}
