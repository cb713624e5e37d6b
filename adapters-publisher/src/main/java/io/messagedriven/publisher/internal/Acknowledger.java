package io.messagedriven.publisher.internal;

import io.messagedriven.application.Outcome;
import io.messagedriven.application.PublishingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records outcomes in batches on a thread of its own: whatever the workers finished since the
 * last write goes in the next one. A failed write (database down) is retried with backoff, so an
 * outcome is never dropped while the publisher runs.
 */
final class Acknowledger implements Runnable {
  private static final Logger log = LoggerFactory.getLogger("io.messagedriven.publisher.Publisher");
  private static final int BATCH = 1_000;
  private static final long MAX_BACKOFF_MILLIS = Duration.ofSeconds(30).toMillis();

  private final PublishingStep step;
  private final Capacity capacity;
  private final Runnable afterWrite;
  private final BooleanSupplier nothingMoreToCome;
  private final String owner;
  private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

  /**
   * @param afterWrite called after each write (it may unblock the next events of aggregates)
   * @param nothingMoreToCome true once the publisher stopped and its workers are done
   */
  Acknowledger(PublishingStep step, Capacity capacity, Runnable afterWrite, BooleanSupplier nothingMoreToCome, String owner) {
    this.step = step;
    this.capacity = capacity;
    this.afterWrite = afterWrite;
    this.nothingMoreToCome = nothingMoreToCome;
    this.owner = owner;
  }

  /** Queues outcomes to record. */
  void add(Collection<Outcome> handled) {
    outcomes.addAll(handled);
  }

  @Override
  public void run() {
    List<Outcome> batch = new ArrayList<>();
    long backoff = 100;
    while (true) {
      try {
        if (batch.isEmpty() && !collect(batch)) {
          return;
        }
        step.acknowledge(batch);
        capacity.done(batch.stream().map(Outcome::claimed).toList());
        batch.clear();
        backoff = 100;
        afterWrite.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("publisher {} cannot record {} outcomes, retrying in {} ms: {}", owner, batch.size(), backoff, e.toString());
        if (nothingMoreToCome.getAsBoolean() && backoff >= MAX_BACKOFF_MILLIS) {
          log.warn("publisher {} gives up on {} outcomes; their leases will expire and they will be handled again",
              owner, batch.size());
          return;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  /** Waits for outcomes and takes up to a batch of them; false once there will be no more. */
  private boolean collect(List<Outcome> batch) throws InterruptedException {
    while (true) {
      Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
      if (first != null) {
        batch.add(first);
        outcomes.drainTo(batch, BATCH - 1);
        return true;
      }
      if (nothingMoreToCome.getAsBoolean() && outcomes.isEmpty()) {
        return false;
      }
    }
  }
}
