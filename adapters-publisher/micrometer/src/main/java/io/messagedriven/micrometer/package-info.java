/**
 * Micrometer metrics of the outbox: {@link io.messagedriven.micrometer.OutboxMetrics} gauges the
 * events per status and the lag, and counts and times what publishers do, through a {@code
 * PublishingListener} and a timed handler.
 *
 * <pre>{@code
 * OutboxMetrics metrics = OutboxMetrics.builder()
 *     .registry(registry)
 *     .operations(new Operations(store.operations()))
 *     .build();
 * Publisher.builder()
 *     .outbox(store.outbox())
 *     .handler(metrics.timed("rabbitmq", rabbit))
 *     .listener(metrics.listener("rabbitmq"))
 *     .build();
 * }</pre>
 */
package io.messagedriven.micrometer;
