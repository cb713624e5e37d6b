package io.messagedriven.publisher.internal;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.domain.EventId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The events a publisher holds between claim and acknowledgement: at most {@code max} of them,
 * which is what bounds its memory whatever the backlog.
 */
final class Capacity {
  private final int max;
  private final Semaphore permits;
  private final Object freed = new Object();
  /** Events claimed and not yet done with, and when they were claimed. */
  private final Map<EventId, Long> held = new ConcurrentHashMap<>();

  Capacity(int max) {
    this.max = max;
    this.permits = new Semaphore(max);
  }

  /**
   * Waits until a worthwhile batch can be claimed (half a batch, or anything once nothing is
   * held, so claims stay large under load), takes room for it and returns its size; 0 if {@code
   * timeoutNanos} passed or {@code open} turned false first.
   */
  int take(int batch, long timeoutNanos, BooleanSupplier open) throws InterruptedException {
    int worthwhile = Math.max(1, batch / 2);
    long deadline = System.nanoTime() + timeoutNanos;
    while (open.getAsBoolean()) {
      int free = permits.availablePermits();
      int size = Math.min(batch, free);
      if ((free >= worthwhile || free == max) && size > 0 && permits.tryAcquire(size)) {
        return size;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return 0;
      }
      synchronized (freed) {
        freed.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
      }
    }
    return 0;
  }

  /** Gives back room taken for a claim that brought fewer events. */
  void giveBack(int unused) {
    if (unused > 0) {
      release(unused);
    }
  }

  /** How many events are held now. */
  int held() {
    return held.size();
  }

  /** Records claimed events as held. */
  void hold(List<ClaimedEvent> events) {
    long now = System.nanoTime();
    for (ClaimedEvent event : events) {
      held.put(event.event().id(), now);
    }
  }

  /** Forgets events that were acknowledged or given back, and frees their room. */
  void done(Collection<ClaimedEvent> events) {
    for (ClaimedEvent event : events) {
      held.remove(event.event().id());
    }
    release(events.size());
  }

  /**
   * Whether less than half of the event's lease is left: too little to start its handler, which
   * would likely still be running when another publisher takes the event over.
   */
  boolean tooLateToStart(ClaimedEvent event, Duration lease) {
    Long claimedAt = held.get(event.event().id());
    return claimedAt != null && System.nanoTime() - claimedAt > lease.toNanos() / 2;
  }

  /**
   * When the handler of {@code events} must stop sending them ({@link System#nanoTime()}): nine
   * tenths into the lease of the earliest claimed, the point from which another publisher may
   * take them over.
   */
  long sendDeadline(List<ClaimedEvent> events, Duration lease) {
    long now = System.nanoTime();
    long earliest = now;
    for (ClaimedEvent event : events) {
      Long claimedAt = held.get(event.event().id());
      if (claimedAt != null && claimedAt - earliest < 0) {
        earliest = claimedAt;
      }
    }
    return earliest + lease.toNanos() * 9 / 10;
  }

  /**
   * Held events whose lease has (nearly) run out because a handler overran it. The publisher
   * must not claim them again itself: another publisher takes them over, and this one's late
   * outcome is fenced off.
   */
  List<EventId> overrunning(Duration lease) {
    long limit = System.nanoTime() - lease.toNanos() * 9 / 10;
    List<EventId> late = new ArrayList<>();
    held.forEach((id, claimedAt) -> {
      if (claimedAt - limit < 0) {
        late.add(id);
      }
    });
    return late;
  }

  private void release(int count) {
    permits.release(count);
    synchronized (freed) {
      freed.notifyAll();
    }
  }
}
