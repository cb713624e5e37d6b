package io.messagedriven.application.port;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A handler that delivers each event to several named targets, such as a router sending every
 * event to a broker and to a webhook. When some targets acknowledge an event and another fails,
 * it says so with a {@link TargetFailedException}; the publisher records the targets that have
 * the event with it, and the next attempt (or an operator's requeue) goes to the others only.
 */
public interface TargetedEventHandler extends BatchEventHandler {

  /**
   * Delivers each event to its targets, except those that have it from an earlier attempt.
   *
   * @param delivered per event id, the targets that acknowledged it before; an event absent
   *     from the map has reached none
   * @return the events that did not reach every target, each with its failure: a {@link
   *     TargetFailedException} when it names the target and those that have the event
   * @throws Exception to fail every event of the batch, on every target not yet reached
   */
  Map<EventId, Exception> handleAll(List<Event> events, Map<EventId, Set<String>> delivered) throws Exception;

  /** Delivers each event to every one of its targets. */
  @Override
  default Map<EventId, Exception> handleAll(List<Event> events) throws Exception {
    return handleAll(events, Map.of());
  }
}
