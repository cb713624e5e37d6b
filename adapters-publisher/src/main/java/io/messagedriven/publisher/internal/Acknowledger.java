package io.messagedriven.publisher.internal;

import io.messagedriven.application.publishing.Outcome;
import io.messagedriven.application.publishing.PublishingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records outcomes in batches on a thread of its own: whatever the workers finished since the
 * last write goes in the next one.
 *
 * <p>When a write fails, what was recorded stays recorded and the rest is retried one outcome at
 * a time. If every one fails, the database is unreachable: back off and retry, so no outcome is
 * dropped while the publisher runs. If only some fail, those are poison (a value the database
 * refuses); after {@value #POISON_TRIES} tries one is dropped with an error log, and its lease
 * expires so the event is handled again.
 */
final class Acknowledger implements Runnable {
  private static final Logger log = LoggerFactory.getLogger("io.messagedriven.publisher.Publisher");
  private static final int BATCH = 1_000;
  private static final int POISON_TRIES = 3;
  /**
   * Under a trickle of outcomes, how long a write waits for more after the first: a write per
   * outcome at a thousand events a second cost the database more than the claims did.
   */
  private static final long LINGER_MILLIS = 2;
  private static final int LINGER_BELOW = 100;
  private static final long MAX_BACKOFF_MILLIS = Duration.ofSeconds(30).toMillis();

  private final PublishingStep step;
  private final Capacity capacity;
  private final Runnable afterWrite;
  private final BooleanSupplier nothingMoreToCome;
  private final String owner;
  private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
  private final Map<Outcome, Integer> failedTries = new HashMap<>();

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
        if (failedTries.isEmpty() ? write(batch) : writeOneByOne(batch)) {
          backoff = 100;
          afterWrite.run();
          continue;
        }
        if (nothingMoreToCome.getAsBoolean() && backoff >= MAX_BACKOFF_MILLIS) {
          log.warn("publisher {} gives up on {} outcomes; their leases will expire and they will be handled again",
              owner, batch.size());
          return;
        }
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Writes the whole batch; on failure keeps what is left in it. Returns whether all was written. */
  private boolean write(List<Outcome> batch) {
    List<Outcome> before = List.copyOf(batch);
    try {
      step.acknowledge(batch);
      return true;
    } catch (RuntimeException | LinkageError | AssertionError e) {
      RetriedFailure.warn(log, e, "publisher {} cannot record {} outcomes, retrying them one by one", owner, batch.size());
      batch.forEach(outcome -> failedTries.merge(outcome, 0, Integer::sum));
      return false;
    } finally {
      finished(before, batch);
    }
  }

  /** After a failed write: each outcome alone, to tell an unreachable database from poison. */
  private boolean writeOneByOne(List<Outcome> batch) {
    List<Outcome> failed = new ArrayList<>();
    Throwable last = null;
    for (Outcome outcome : batch) {
      List<Outcome> single = new ArrayList<>(List.of(outcome));
      try {
        step.acknowledge(single);
        failedTries.remove(outcome);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        failed.add(outcome);
        last = e;
      }
    }
    List<Outcome> before = List.copyOf(batch);
    batch.retainAll(failed);
    if (!failed.isEmpty() && failed.size() < before.size()) {
      dropPoison(batch, last);
    } else if (!failed.isEmpty()) {
      RetriedFailure.warn(log, last, "publisher {} cannot record {} outcomes, retrying", owner, failed.size());
    }
    finished(before, batch);
    if (batch.isEmpty()) {
      failedTries.clear();
      return true;
    }
    return false;
  }

  private void dropPoison(List<Outcome> batch, Throwable cause) {
    for (var remaining = batch.iterator(); remaining.hasNext(); ) {
      Outcome outcome = remaining.next();
      int tries = failedTries.merge(outcome, 1, Integer::sum);
      if (tries >= POISON_TRIES) {
        log.error("publisher {} drops the outcome of event {} after {} failed writes while others succeeded; "
            + "its lease will expire and it will be handled again", owner, outcome.claimed().event().id(), tries, cause);
        remaining.remove();
        failedTries.remove(outcome);
      }
    }
  }

  /** Frees the room of the outcomes that left the batch (recorded or dropped). */
  private void finished(List<Outcome> before, List<Outcome> left) {
    if (left.size() == before.size()) {
      return;
    }
    List<Outcome> gone = new ArrayList<>(before);
    gone.removeAll(left);
    capacity.done(gone.stream().map(Outcome::claimed).toList());
  }

  /**
   * Waits for outcomes and takes up to a batch of them (lingering {@value #LINGER_MILLIS} ms for
   * more when there are few); false once there will be no more.
   */
  private boolean collect(List<Outcome> batch) throws InterruptedException {
    while (true) {
      Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
      if (first != null) {
        batch.add(first);
        outcomes.drainTo(batch, BATCH - 1);
        if (batch.size() < LINGER_BELOW) {
          Thread.sleep(LINGER_MILLIS);
          outcomes.drainTo(batch, BATCH - batch.size());
        }
        return true;
      }
      if (nothingMoreToCome.getAsBoolean() && outcomes.isEmpty()) {
        return false;
      }
    }
  }
}
