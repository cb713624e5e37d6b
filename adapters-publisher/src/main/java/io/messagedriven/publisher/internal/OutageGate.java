package io.messagedriven.publisher.internal;

import io.messagedriven.application.publishing.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Whether the target is in an outage, and when to probe it next. An {@link Outcome.Unavailable}
 * opens an outage; any answer of the target (published, retried or failed) ends it. During an
 * outage the claim loop waits for the next probe and then claims one event; the wait starts at
 * {@value #FIRST_PROBE_MILLIS} ms and doubles up to the probe interval, with 20% jitter.
 */
final class OutageGate {
  static final long FIRST_PROBE_MILLIS = 250;

  private final long maxMillis;
  private final Logger log;
  private final String owner;
  private boolean down;
  private long waitMillis;
  private long probeAtNanos;

  OutageGate(Duration probeInterval, Logger log, String owner) {
    this.maxMillis = probeInterval.toMillis();
    this.log = log;
    this.owner = owner;
  }

  /** Notes what a batch of outcomes says about the target. */
  synchronized void observe(List<Outcome> outcomes) {
    Outcome.Unavailable unavailable = null;
    boolean answered = false;
    for (Outcome outcome : outcomes) {
      if (outcome instanceof Outcome.Unavailable u) {
        unavailable = u;
      } else {
        answered = true;
      }
    }
    if (unavailable != null) {
      waitMillis = down ? Math.min(waitMillis * 2, maxMillis) : Math.min(FIRST_PROBE_MILLIS, maxMillis);
      long jittered = waitMillis - (long) (waitMillis * 0.2 * ThreadLocalRandom.current().nextDouble());
      probeAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(jittered);
      if (!down) {
        log.warn("publisher {}: target unavailable ({}: {}); events keep their attempts, probing with one event "
            + "every {} ms at most", owner, unavailable.failure().errorClass(), unavailable.failure().message(), maxMillis);
      }
      down = true;
    } else if (answered && down) {
      down = false;
      log.info("publisher {}: target answers again; every waiting aggregate resumes", owner);
    }
  }

  /** Whether the target is in an outage. */
  synchronized boolean down() {
    return down;
  }

  /**
   * A probe was claimed: no other until its outcome is known (or, should it get lost, the probe
   * interval has passed).
   */
  synchronized void probing() {
    if (down) {
      probeAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    }
  }

  /** Milliseconds until the next probe is due, 0 if it is due now (or there is no outage). */
  synchronized long millisToProbe() {
    return down ? Math.max(0, TimeUnit.NANOSECONDS.toMillis(probeAtNanos - System.nanoTime())) : 0;
  }
}
