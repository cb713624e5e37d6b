package io.messagedriven.application.operations;

import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.EventId;

/** The request names an event that the outbox does not hold (never written, deleted or purged). */
public final class UnknownEventException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final transient EventId eventId;

  public UnknownEventException(EventId eventId) {
    super("unknown event " + eventId);
    this.eventId = eventId;
  }

  /** The id asked for. */
  public EventId eventId() {
    return eventId;
  }
}
