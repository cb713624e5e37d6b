package io.messagedriven.publisher.internal;

import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.StoreException;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/**
 * How the publisher's threads log a failure they will retry after. A {@link StoreException} (the
 * database down, unreachable or refusing) is expected and its message says what failed: one line
 * at WARN, with the message of its root cause, and the stack trace only at DEBUG. Anything else is
 * a surprise (a bug, an outbox of your own misbehaving), so its stack trace stays at WARN.
 */
final class RetriedFailure {
  private static final int MAX_CAUSES = 100;

  private RetriedFailure() {}

  /** Logs {@code format} (with SLF4J's {@code {}} placeholders filled from {@code args}), a colon and {@code failure}. */
  static void warn(Logger log, Throwable failure, String format, Object... args) {
    String line = MessageFormatter.basicArrayFormat(format, args) + ": " + oneLine(failure);
    if (failure instanceof StoreException) {
      log.warn("{}", line);
      log.debug("{}", line, failure);
    } else {
      log.warn("{}", line, failure);
    }
  }

  /**
   * {@code failure} on one line: its message (led by its class unless it is a StoreException,
   * whose message names what failed), then its root cause's, when the message does not already
   * hold it.
   */
  static String oneLine(Throwable failure) {
    String own = failure.getMessage();
    String line = failure instanceof StoreException ? Failure.messageOf(failure)
        : own == null || own.isBlank() ? failure.getClass().getName() : failure.getClass().getName() + ": " + own;
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && depth < MAX_CAUSES; depth++) {  // causes may form a cycle
      root = root.getCause();
    }
    String rootMessage = root.getMessage();
    if (root != failure && rootMessage != null && !rootMessage.isBlank() && !line.contains(rootMessage.strip())) {
      line += " (cause: " + root.getClass().getSimpleName() + ": " + rootMessage + ")";
    }
    return line.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
