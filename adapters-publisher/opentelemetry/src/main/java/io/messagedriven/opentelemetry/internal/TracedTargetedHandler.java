package io.messagedriven.opentelemetry.internal;

import io.messagedriven.application.port.TargetedEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A traced handler of named targets (a router): it stays one, so each attempt goes to the targets not reached yet. */
public final class TracedTargetedHandler extends TracedBatchHandler implements TargetedEventHandler {
  private final TargetedEventHandler delegate;

  public TracedTargetedHandler(PublishSpans spans, String target, TargetedEventHandler delegate) {
    super(spans, target, delegate);
    this.delegate = delegate;
  }

  @Override
  public Map<EventId, Exception> handleAll(List<Event> events, Map<EventId, Set<String>> delivered) throws Exception {
    return traced(events, carrying -> delegate.handleAll(carrying, delivered));
  }
}
