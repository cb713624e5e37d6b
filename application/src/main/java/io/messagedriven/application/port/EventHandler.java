package io.messagedriven.application.port;

import io.messagedriven.domain.Event;

/**
 * Receives one event from the publisher: a router, a broker adapter, a webhook, your own code.
 *
 * <p>Return normally once the event is safely handled (for a broker: acknowledged); the event is
 * then marked published. Throw to refuse it: the publisher retries it with backoff, or marks it
 * failed at once when the exception is a {@link NonRetryableException} or a type configured as
 * non-retryable. Delivery is at least once, so the same event may arrive again after a crash:
 * deduplicate on {@link Event#id()}.
 *
 * <p>The handler runs outside any database transaction, and it may be called from several
 * threads at once, for events of different aggregates; events of one aggregate never overlap.
 */
@FunctionalInterface
public interface EventHandler {

  /**
   * Handles one event.
   *
   * @throws Exception to have the event retried or, if non-retryable, failed
   */
  void handle(Event event) throws Exception;
}
