package io.messagedriven.application.publishing;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import java.time.Duration;

/** What became of one handled event, before it is acknowledged. */
public sealed interface Outcome {
  ClaimedEvent claimed();

  /** The handler accepted it. */
  record Published(ClaimedEvent claimed) implements Outcome {}

  /** The handler failed; try again after {@code delay}. */
  record Retry(ClaimedEvent claimed, Duration delay, Failure failure) implements Outcome {}

  /**
   * The target was unavailable (an outage): the event goes back, due at once, its attempt not
   * counted, while the publisher backs off the target as a whole.
   */
  record Unavailable(ClaimedEvent claimed, Failure failure) implements Outcome {}

  /** The handler failed for good. */
  record Failed(ClaimedEvent claimed, Failure failure) implements Outcome {}
}
