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
public class TracedBatchHandler extends TracedHandler implements BatchEventHandler {
  private final BatchEventHandler delegate;

  public TracedBatchHandler(PublishSpans spans, String target, BatchEventHandler delegate) {
    super(spans, target, delegate);
    this.delegate = delegate;
  }

  /** One call of the delegate on the events as the target gets them. */
  @FunctionalInterface
  interface BatchCall {
    Map<EventId, Exception> run(List<Event> carrying) throws Exception;
  }

  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) throws Exception {
    return traced(events, delegate::handleAll);
  }

  /** Runs {@code call} on {@code events} carrying a span each, ending each span with its event's outcome. */
  Map<EventId, Exception> traced(List<Event> events, BatchCall call) throws Exception {
    List<Span> started = new ArrayList<>(events.size());
    List<Event> carrying = new ArrayList<>(events.size());
    for (Event event : events) {
      Span span = spans.start(target, event);
      started.add(span);
      carrying.add(PublishSpans.carrying(event, span));
    }
    Map<EventId, Exception> failures;
    try {
      failures = call.run(carrying);
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
