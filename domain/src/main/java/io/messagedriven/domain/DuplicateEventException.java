package io.messagedriven.domain;

/** The outbox already holds an event with this id: an event is appended once. Nothing was written. */
public final class DuplicateEventException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final transient EventId eventId;

  public DuplicateEventException(EventId eventId) {
    super("the outbox already holds event " + eventId);
    this.eventId = eventId;
  }

  public EventId eventId() {
    return eventId;
  }
}
