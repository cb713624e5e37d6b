package io.messagedriven.examples.bench;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** Prints how far a long measurement has come, about once a second. */
final class Progress {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final long started = System.nanoTime();
  private long lastPrinted = System.nanoTime();

  Progress(PrintStream out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = total;
  }

  /** Waits until {@code done} reaches the total or {@code timeoutMillis} pass; prints on the way. */
  boolean await(LongSupplier done, long timeoutMillis) throws InterruptedException {
    long deadline = started + timeoutMillis * 1_000_000;
    while (true) {
      long now = System.nanoTime();
      long count = done.getAsLong();
      if (count >= total) {
        return true;
      }
      if (now > deadline) {
        out.printf("  %s: timed out at %,d of %,d%n", label, count, total);
        return false;
      }
      if (now - lastPrinted >= 1_000_000_000L) {
        double seconds = (now - started) / 1e9;
        out.printf("  %s: %,d of %,d (%,.0f/s)%n", label, count, total, count / seconds);
        lastPrinted = now;
      }
      Thread.sleep(5);
    }
  }
}
