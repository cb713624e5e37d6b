package io.messagedriven.opentelemetry.internal;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.InvalidValueException;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a trace context into an event's headers and reads it back, as W3C Trace Context. */
public final class TraceHeaders {
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";

  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Event> FROM_EVENT = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Event event) {
      return event.headers().keySet();
    }

    @Override
    public String get(Event event, String key) {
      return event == null ? null : event.headers().get(key);
    }
  };

  private TraceHeaders() {}

  /**
   * {@code event} with {@code context}'s trace headers in place of its own; as it is when the
   * context has no valid span, or the headers do not fit (an event may not be refused for them).
   */
  public static Event stamp(Event event, Context context) {
    Map<String, String> trace = new LinkedHashMap<>();
    W3C.inject(context, trace, Map::put);
    if (!trace.containsKey(TRACEPARENT)) {
      return event;
    }
    Map<String, String> headers = new LinkedHashMap<>(event.headers());
    headers.remove(TRACEPARENT);
    headers.remove(TRACESTATE);
    headers.putAll(trace);
    if (headers.size() > Event.MAX_HEADERS) {
      return event;
    }
    try {
      return new Event(event.id(), event.tenantId(), event.aggregateType(), event.aggregateId(), event.name(),
          event.payload(), headers, event.occurredAt());
    } catch (InvalidValueException tooLong) {
      return event; // a tracestate longer than an event header may be
    }
  }

  /** The context stamped on {@code event}, or the root context. */
  public static Context extract(Event event) {
    return W3C.extract(Context.root(), event, FROM_EVENT);
  }
}
