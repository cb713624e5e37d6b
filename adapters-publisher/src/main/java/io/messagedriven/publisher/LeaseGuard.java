package io.messagedriven.publisher;

import io.messagedriven.domain.Event;

/**
 * Whether the publisher still holds the leases of the events a handler is working on. A handler
 * that is still running when its events' leases end (a stall, a long pause) must not hand them to
 * its client any more: another publisher may have taken them over and already sent them, and the
 * aggregate's later events with them. The broker adapters, {@link Acknowledgements#leaseEnded}
 * and the {@link EventRouter} check it before each send; your own adapter can too.
 *
 * <p>It answers for the thread it is called on: on a publisher's worker thread, whether the
 * leases of the batch that thread is handling have (nearly) ended, with a margin of a tenth of
 * the lease; on any other thread, false.
 */
public final class LeaseGuard {
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

  private LeaseGuard() {}

  /** Whether the leases of the events this thread is handling have ended: stop sending them. */
  public static boolean ended() {
    Long deadline = DEADLINE.get();
    return deadline != null && System.nanoTime() - deadline > 0;
  }

  /** The failure of an event not sent because its lease ended; the publisher retries it. */
  public static LeaseEndedException endedFor(Event event) {
    return new LeaseEndedException("the lease of event " + event.id()
        + " ended before it was sent; another publisher may have it, so it was not sent");
  }

  /**
   * Runs {@code work} with the leases of its events ending at {@code deadline} ({@link
   * System#nanoTime()}), on this thread. For the publisher, and for tests of adapters.
   */
  public static void runUntil(long deadline, Runnable work) {
    Long outer = DEADLINE.get();
    DEADLINE.set(deadline);
    try {
      work.run();
    } finally {
      if (outer == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(outer);
      }
    }
  }

  /** An event was not sent because the publisher's lease on it had ended. */
  public static final class LeaseEndedException extends Exception {
    LeaseEndedException(String message) {
      super(message);
    }
  }
}
