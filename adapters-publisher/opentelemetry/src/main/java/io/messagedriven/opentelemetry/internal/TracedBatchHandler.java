package io.messagedriven.opentelemetry.internal;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A batch handler whose every event gets a span of its own; the spans of a batch overlap, so
 * none is made current while the delegate sends them. A single event goes through {@link
 * TracedHandler#handle}, with its span current.
 */
public final class TracedBatchHandler extends TracedHandler implements BatchEventHandler {
  private final BatchEventHandler delegate;

  public TracedBatchHandler(PublishSpans spans, String target, BatchEventHandler delegate) {
    super(spans, target, delegate);
    this.delegate = delegate;
  }

  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) throws Exception {
    List<Span> started = new ArrayList<>(events.size());
    List<Event> carrying = new ArrayList<>(events.size());
    for (Event event : events) {
      Span span = spans.start(target, event);
      started.add(span);
      carrying.add(PublishSpans.carrying(event, span));
    }
    Map<EventId, Exception> failures;
    try {
      failures = delegate.handleAll(carrying);
    } catch (Exception | Error e) {
      started.forEach(span -> PublishSpans.end(span, e));
      throw e;
    }
    for (int i = 0; i < events.size(); i++) {
      PublishSpans.end(started.get(i), failures == null ? null : failures.get(events.get(i).id()));
    }
    return failures;
  }
}
