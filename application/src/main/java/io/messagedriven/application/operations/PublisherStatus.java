package io.messagedriven.application.operations;

import io.messagedriven.application.operations.port.PublisherRow;
import java.util.Objects;

/**
 * A publisher seen, and whether it is alive.
 *
 * @param publisher what its latest heartbeat said
 * @param state alive, gone (not seen for a while: it died or lost the database) or stopped
 */
public record PublisherStatus(PublisherRow publisher, State state) {
  /** Whether a publisher is alive. */
  public enum State {
    /** Its heartbeat came recently. */
    ALIVE,
    /** No heartbeat came for longer than the operations' gone-after setting, and it did not sign off. */
    GONE,
    /** It signed off when it stopped. */
    STOPPED
  }

  public PublisherStatus {
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(state, "state");
  }
}
