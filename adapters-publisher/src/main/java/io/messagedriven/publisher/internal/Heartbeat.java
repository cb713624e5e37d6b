package io.messagedriven.publisher.internal;

import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.PublisherHeartbeat;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the outbox this publisher is alive, on a thread of its own: its owner, host, start and
 * events in flight, every {@code interval}; and signs off when the publisher stops, so operators
 * see it stopped rather than gone. A heartbeat that fails is logged and tried again next time:
 * it never stops the publisher.
 */
final class Heartbeat implements Runnable {
  private static final Logger log = LoggerFactory.getLogger("io.messagedriven.publisher.Publisher");

  private final OutboxPort outbox;
  private final String owner;
  private final Duration interval;
  private final IntSupplier inFlight;
  private final String host = hostName();
  private volatile Instant startedAt;
  private volatile boolean running = true;

  Heartbeat(OutboxPort outbox, String owner, Duration interval, IntSupplier inFlight) {
    this.outbox = outbox;
    this.owner = owner;
    this.interval = interval;
    this.inFlight = inFlight;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  void started(Instant at) {
    this.startedAt = at;
  }

  @Override
  public void run() {
    while (running) {
      beat();
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void beat() {
    try {
      outbox.heartbeat(new PublisherHeartbeat(owner, host, startedAt, inFlight.getAsInt()));
    } catch (RuntimeException e) {
      RetriedFailure.warn(log, e, "publisher {} cannot write its heartbeat, trying again in {}", owner, interval);
    }
  }

  /** Stops beating and signs off. */
  void stop() {
    running = false;
    try {
      outbox.signOff(owner);
    } catch (RuntimeException e) {
      RetriedFailure.warn(log, e, "publisher {} cannot sign off; operators will see it as gone", owner);
    }
  }
}
