package io.messagedriven.application.port;

import io.messagedriven.domain.Event;
import java.util.Set;
import java.util.UUID;

/**
 * An event leased to one publisher.
 *
 * @param event the event, with its {@link Event#SEQUENCE} header set
 * @param attempt which attempt this is, 1 for the first
 * @param leaseToken proves the lease when acknowledging; a new claim gets a new token
 * @param delivered the targets of a {@link TargetedEventHandler} that acknowledged the event in
 *     an earlier attempt, so this one skips them; empty for the first attempt
 */
public record ClaimedEvent(Event event, int attempt, UUID leaseToken, Set<String> delivered) {
  public ClaimedEvent {
    if (event == null || leaseToken == null || attempt < 1 || delivered == null) {
      throw new IllegalArgumentException(
          "a claimed event needs an event, a lease token, an attempt >= 1 and the targets it reached");
    }
    delivered = Set.copyOf(delivered);
  }

  /** A claim of an event no target has acknowledged yet. */
  public ClaimedEvent(Event event, int attempt, UUID leaseToken) {
    this(event, attempt, leaseToken, Set.of());
  }
}
