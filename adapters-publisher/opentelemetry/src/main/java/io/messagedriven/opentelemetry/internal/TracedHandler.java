package io.messagedriven.opentelemetry.internal;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.domain.Event;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/** A handler whose every handling is a span, current while the delegate runs. */
public class TracedHandler implements EventHandler {
  final PublishSpans spans;
  final String target;
  private final EventHandler delegate;

  public TracedHandler(PublishSpans spans, String target, EventHandler delegate) {
    this.spans = spans;
    this.target = target;
    this.delegate = delegate;
  }

  @Override
  public void handle(Event event) throws Exception {
    Span span = spans.start(target, event);
    Throwable failure = null;
    try (Scope current = span.makeCurrent()) {
      delegate.handle(PublishSpans.carrying(event, span));
    } catch (Exception | Error e) {
      failure = e;
      throw e;
    } finally {
      PublishSpans.end(span, failure);
    }
  }

  @Override
  public String toString() {
    return "traced(" + target + ", " + delegate + ")";
  }
}
