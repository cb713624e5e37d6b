package io.messagedriven.publisher.internal;

import io.messagedriven.application.port.OutboxPort;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes events published longer ago than the retention, about once a minute (with jitter, so
 * publishers started together spread out), a few batches at a time so claims are not held up.
 */
final class RetentionPurge {
  private static final Logger log = LoggerFactory.getLogger("io.messagedriven.publisher.Publisher");
  private static final int BATCH = 5_000;
  private static final int MAX_BATCHES = 10;
  private static final long EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final OutboxPort outbox;
  private final Duration keepPublished;
  private final String owner;
  private long due = System.nanoTime();

  /** @param keepPublished the retention, or null to keep published events forever */
  RetentionPurge(OutboxPort outbox, Duration keepPublished, String owner) {
    this.outbox = outbox;
    this.keepPublished = keepPublished;
    this.owner = owner;
  }

  void runIfDue() {
    if (keepPublished == null || System.nanoTime() - due < 0) {
      return;
    }
    due = System.nanoTime() + EVERY_NANOS + ThreadLocalRandom.current().nextLong(EVERY_NANOS / 4);
    int purged = 0;
    for (int round = 0; round < MAX_BATCHES; round++) {
      int deleted = outbox.purgePublished(keepPublished, BATCH);
      purged += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    if (purged > 0) {
      log.info("publisher {} purged {} events published more than {} ago", owner, purged, keepPublished);
    }
  }
}
