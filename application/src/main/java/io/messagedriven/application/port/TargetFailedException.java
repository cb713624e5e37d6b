package io.messagedriven.application.port;

import java.util.Objects;
import java.util.Set;

/**
 * One target of a {@link TargetedEventHandler} failed an event, while others may have it. The
 * publisher decides on the {@linkplain #getCause() cause} (an outage, a retryable or a
 * non-retryable failure), keeps it as the event's error under the target's name, and remembers
 * the {@link #delivered()} targets so no later attempt sends the event to them again.
 */
public final class TargetFailedException extends Exception {
  private final String target;
  private final Set<String> delivered;

  /**
   * @param target the target that failed
   * @param delivered every target that has the event now, from this attempt or earlier ones
   * @param cause what the target threw
   */
  public TargetFailedException(String target, Set<String> delivered, Throwable cause) {
    super("target " + target + ": " + Failure.messageOf(Objects.requireNonNull(cause, "cause")), cause);
    this.target = Objects.requireNonNull(target, "target");
    this.delivered = Set.copyOf(delivered);
  }

  /** The target that failed. */
  public String target() {
    return target;
  }

  /** The targets that have the event. */
  public Set<String> delivered() {
    return delivered;
  }
}
