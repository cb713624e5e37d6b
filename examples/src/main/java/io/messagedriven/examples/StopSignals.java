package io.messagedriven.examples;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop, so that a program stops cleanly and then
 * exits with a code of its own choosing (0 after a clean stop) rather than the JVM's 143 or 130.
 * A second signal while it stops ends the process at once, with the JVM's usual code.
 *
 * <p>Where the signals cannot be handled (a JVM started with {@code -Xrs}), a shutdown hook asks
 * for the stop instead and holds the JVM until the program says it has stopped; the exit code is
 * then the JVM's.
 */
final class StopSignals {
  private StopSignals() {}

  /** Counts {@code stop} down on SIGTERM or SIGINT; the fallback hook waits for {@code stopped}. */
  static void install(CountDownLatch stop, CountDownLatch stopped) {
    AtomicBoolean asked = new AtomicBoolean();
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        Signal.handle(new Signal(name), signal -> {
          if (asked.getAndSet(true)) {
            Runtime.getRuntime().halt(128 + signal.getNumber());
          }
          stop.countDown();
        });
      }
    } catch (IllegalArgumentException signalsTakenByTheJvm) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop.countDown();
        try {
          stopped.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "stop-on-shutdown"));
    }
  }
}
