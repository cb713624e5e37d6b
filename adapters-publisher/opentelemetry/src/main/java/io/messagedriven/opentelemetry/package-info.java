/**
 * OpenTelemetry traces carried end to end through the outbox.
 *
 * <ul>
 *   <li>Write side: {@link io.messagedriven.opentelemetry.OutboxTracing#stamp(io.messagedriven.domain.Event)}
 *       keeps the current W3C trace context with an event, as its {@code traceparent} and
 *       {@code tracestate} headers.
 *   <li>Publishing side: {@link io.messagedriven.opentelemetry.OutboxTracing#traced} wraps a
 *       target's handler with a span per handling, linked to (or a child of) the stored context,
 *       and sends that span's context on; every target carries event headers as message headers.
 *   <li>Consumer side: extract {@code traceparent} from the message headers with the W3C
 *       propagator of your OpenTelemetry and start the consumer's span in that context.
 * </ul>
 *
 * <pre>{@code
 * OutboxTracing tracing = OutboxTracing.builder().openTelemetry(openTelemetry).build();
 * tx.outbox().append(OutboxTracing.stamp(event));
 * Publisher.builder().outbox(store.outbox()).handler(tracing.traced("rabbitmq", rabbit)).build();
 * }</pre>
 */
package io.messagedriven.opentelemetry;
