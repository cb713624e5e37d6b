package io.messagedriven.opentelemetry;

import static io.messagedriven.publisher.BuilderChecks.require;
import static io.messagedriven.publisher.BuilderChecks.requireName;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.TargetedEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.opentelemetry.internal.PublishSpans;
import io.messagedriven.opentelemetry.internal.TraceHeaders;
import io.messagedriven.opentelemetry.internal.TracedBatchHandler;
import io.messagedriven.opentelemetry.internal.TracedHandler;
import io.messagedriven.opentelemetry.internal.TracedTargetedHandler;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.util.Collection;
import java.util.List;

/**
 * Carries a trace from the code that appends an event, through its publisher, to the consumer
 * of its message, with the W3C trace context ({@code traceparent} and {@code tracestate}).
 *
 * <p>On the write side, {@link #stamp(Event)} keeps the current trace context with the event as
 * two event headers, whichever way you append it (a unit of work, your own JDBC connection or
 * Jdbi handle). On the publishing side, {@link #traced(String, EventHandler)} wraps a target's
 * handler: every handling is a span of kind {@code PRODUCER}, linked to the stored context (or,
 * with {@link Builder#childOfStoredContext}, its child), and the event reaches the target with
 * that span's context in its headers. Every target sends event headers as message headers, so
 * a consumer extracts {@code traceparent} from the message and continues the trace.
 *
 * <pre>{@code
 * store.append(connection, OutboxTracing.stamp(event));        // inside the request's span
 *
 * OutboxTracing tracing = OutboxTracing.builder().openTelemetry(openTelemetry).build();
 * Publisher.builder().outbox(store.outbox()).handler(tracing.traced("rabbitmq", rabbit)).build();
 * }</pre>
 */
public final class OutboxTracing {
  /** The event header holding the W3C {@code traceparent} of the context it was stamped with. */
  public static final String TRACEPARENT = TraceHeaders.TRACEPARENT;
  /** The event header holding the W3C {@code tracestate}, when the context has one. */
  public static final String TRACESTATE = TraceHeaders.TRACESTATE;
  /** The instrumentation scope of the publish spans. */
  public static final String INSTRUMENTATION_SCOPE = "io.messagedriven.opentelemetry";

  private final PublishSpans spans;

  private OutboxTracing(PublishSpans spans) {
    this.spans = spans;
  }

  /** A builder; {@code openTelemetry} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code event} with the trace context of the current span as its {@value #TRACEPARENT} and
   * {@value #TRACESTATE} headers, replacing any it had; the event as it is when no span is
   * current. Tracing never refuses a write: an event with no room for the headers (it has
   * {@link Event#MAX_HEADERS} already) is returned as it is.
   */
  public static Event stamp(Event event) {
    return stamp(event, Context.current());
  }

  /** {@code event} with the trace context of {@code context}, as {@link #stamp(Event)} does. */
  public static Event stamp(Event event, Context context) {
    require(event != null, "event is required, was null");
    require(context != null, "context is required, was null");
    return TraceHeaders.stamp(event, context);
  }

  /** Each of {@code events} {@linkplain #stamp(Event) stamped} with the current context, in order. */
  public static List<Event> stamp(Collection<Event> events) {
    require(events != null, "events is required, was null");
    Context current = Context.current();
    return events.stream().map(event -> stamp(event, current)).toList();
  }

  /**
   * The trace context stamped on {@code event}: a context whose span is the remote span of its
   * {@value #TRACEPARENT} header, or the root context when it has none or an invalid one.
   */
  public static Context storedContext(Event event) {
    require(event != null, "event is required, was null");
    return TraceHeaders.extract(event);
  }

  /**
   * {@code handler} with a span around each handling, named {@code publish <target>}, and the
   * event handed on with the span's context in its {@value #TRACEPARENT} header. A handler that
   * throws ends its span with status {@code ERROR} and the exception recorded, and the exception
   * goes on unchanged, so the publisher retries or fails the event as it would without tracing.
   * A {@link BatchEventHandler} stays one (one span per event of a batch), so broker targets
   * keep pipelining their sends; a {@link TargetedEventHandler} (a router) stays one too, so a
   * retry still goes only to the targets the event has not reached.
   *
   * @param target names the destination in the span: 1 to 64 letters, digits, '.', '_' or '-',
   *     such as {@code rabbitmq}
   * @throws IllegalArgumentException if {@code target} is malformed or {@code handler} null
   */
  public EventHandler traced(String target, EventHandler handler) {
    requireName("target", target);
    require(handler != null, "handler is required, was null");
    if (handler instanceof TargetedEventHandler targeted) {
      return new TracedTargetedHandler(spans, target, targeted);
    }
    return handler instanceof BatchEventHandler batch
        ? new TracedBatchHandler(spans, target, batch)
        : new TracedHandler(spans, target, handler);
  }

  /** Settings of an {@link OutboxTracing}. */
  public static final class Builder {
    private OpenTelemetry openTelemetry;
    private boolean childOfStoredContext;

    private Builder() {}

    /** Where publish spans go, such as your {@code OpenTelemetrySdk}. Required. */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    /**
     * Whether a publish span is a child of the event's stored context (one trace from the
     * request to the consumer) rather than the root of a trace of its own with a link to it.
     * Default: false, linked, as the OpenTelemetry messaging conventions advise for work done
     * later than the request that caused it, possibly long after that trace ended.
     */
    public Builder childOfStoredContext(boolean childOfStoredContext) {
      this.childOfStoredContext = childOfStoredContext;
      return this;
    }

    /**
     * Checks the settings and creates the tracing.
     *
     * @throws IllegalArgumentException if {@code openTelemetry} is null
     */
    public OutboxTracing build() {
      require(openTelemetry != null, "openTelemetry is required, was null");
      return new OutboxTracing(new PublishSpans(openTelemetry.getTracer(INSTRUMENTATION_SCOPE), childOfStoredContext));
    }

    @Override
    public String toString() {
      return "OutboxTracing.Builder[childOfStoredContext=" + childOfStoredContext + "]";
    }
  }
}
