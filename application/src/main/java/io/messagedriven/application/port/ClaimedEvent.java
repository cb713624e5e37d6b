package io.messagedriven.application.port;

import io.messagedriven.domain.Event;
import java.util.UUID;

/**
 * An event leased to one publisher.
 *
 * @param event the event
 * @param attempt which attempt this is, 1 for the first
 * @param leaseToken proves the lease when acknowledging; a new claim gets a new token
 */
public record ClaimedEvent(Event event, int attempt, UUID leaseToken) {
  public ClaimedEvent {
    if (event == null || leaseToken == null || attempt < 1) {
      throw new IllegalArgumentException("a claimed event needs an event, a lease token and an attempt >= 1");
    }
  }
}
