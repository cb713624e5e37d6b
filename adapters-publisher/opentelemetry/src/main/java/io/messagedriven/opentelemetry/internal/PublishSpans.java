package io.messagedriven.opentelemetry.internal;

import io.messagedriven.domain.Event;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Starts the span of one handling, parented or linked to the event's stored context, and ends it
 * with the handler's outcome. Attribute names follow the OpenTelemetry messaging conventions.
 */
public final class PublishSpans {
  static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("message_driven.event.name");
  static final AttributeKey<String> TENANT_ID = AttributeKey.stringKey("message_driven.tenant.id");
  static final AttributeKey<String> AGGREGATE_TYPE = AttributeKey.stringKey("message_driven.aggregate.type");
  static final AttributeKey<String> AGGREGATE_ID = AttributeKey.stringKey("message_driven.aggregate.id");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final Tracer tracer;
  private final boolean childOfStoredContext;

  public PublishSpans(Tracer tracer, boolean childOfStoredContext) {
    this.tracer = tracer;
    this.childOfStoredContext = childOfStoredContext;
  }

  /** A started span for handing {@code event} to {@code target}; not made current. */
  Span start(String target, Event event) {
    Context stored = TraceHeaders.extract(event);
    SpanContext storedSpan = Span.fromContext(stored).getSpanContext();
    SpanBuilder builder = tracer.spanBuilder("publish " + target)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute(OPERATION_NAME, "publish")
        .setAttribute(OPERATION_TYPE, "send")
        .setAttribute(DESTINATION, target)
        .setAttribute(MESSAGE_ID, event.id().toString())
        .setAttribute(EVENT_NAME, event.name())
        .setAttribute(TENANT_ID, event.tenantId().toString())
        .setAttribute(AGGREGATE_TYPE, event.aggregateType())
        .setAttribute(AGGREGATE_ID, event.aggregateId());
    if (childOfStoredContext) {
      builder.setParent(stored);
    } else {
      builder.setNoParent();
      if (storedSpan.isValid()) {
        builder.addLink(storedSpan);
      }
    }
    return builder.startSpan();
  }

  /** {@code event} as the target gets it: with {@code span}'s context as its trace headers. */
  static Event carrying(Event event, Span span) {
    return TraceHeaders.stamp(event, Context.root().with(span));
  }

  /** Ends {@code span}: a failure, when {@code failure} is not null. */
  static void end(Span span, Throwable failure) {
    if (failure != null) {
      span.recordException(failure);
      span.setAttribute(ERROR_TYPE, failure.getClass().getName());
      span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }
    span.end();
  }
}
