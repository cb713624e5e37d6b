package io.messagedriven.micrometer.internal;

import io.messagedriven.application.port.TargetedEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A timed handler of named targets (a router): it stays one, so each attempt goes to the targets not reached yet. */
public final class TimedTargetedHandler extends TimedBatchHandler implements TargetedEventHandler {
  private final TargetedEventHandler delegate;

  public TimedTargetedHandler(Meters meters, String target, TargetedEventHandler delegate) {
    super(meters, target, delegate);
    this.delegate = delegate;
  }

  @Override
  public Map<EventId, Exception> handleAll(List<Event> events, Map<EventId, Set<String>> delivered) throws Exception {
    return timed(events, () -> delegate.handleAll(events, delivered));
  }
}
