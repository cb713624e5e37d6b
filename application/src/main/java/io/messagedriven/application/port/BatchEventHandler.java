package io.messagedriven.application.port;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.util.List;
import java.util.Map;

/**
 * An {@link EventHandler} that takes a whole batch at once, so a broker adapter can send every
 * message and then await every acknowledgement, instead of one round trip per event.
 *
 * <p>The publisher hands a batch to {@link #handleAll}; a batch never holds two events of one
 * aggregate, so order per aggregate holds however the batch is sent.
 */
public interface BatchEventHandler extends EventHandler {

  /**
   * Handles the events and returns the failures: an event absent from the map succeeded. An
   * exception thrown by this method fails every event of the batch.
   */
  Map<EventId, Exception> handleAll(List<Event> events) throws Exception;

  /** Handles one event as a batch of one. */
  @Override
  default void handle(Event event) throws Exception {
    Exception failure = handleAll(List.of(event)).get(event.id());
    if (failure != null) {
      throw failure;
    }
  }
}
