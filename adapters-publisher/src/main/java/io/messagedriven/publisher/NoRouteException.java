package io.messagedriven.publisher;

import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;

/**
 * An {@link EventRouter} has no route for the event, and is set to fail such events (the
 * default). The event is marked failed with this error; it is never counted as published.
 */
public final class NoRouteException extends NonRetryableException {
  private static final long serialVersionUID = 1L;

  public NoRouteException(Event event) {
    super("no route for event " + event.name() + " (id " + event.id() + ")");
  }
}
