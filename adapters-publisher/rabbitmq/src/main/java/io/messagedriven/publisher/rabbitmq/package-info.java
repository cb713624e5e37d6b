/**
 * RabbitMQ target: {@link io.messagedriven.publisher.rabbitmq.RabbitMqHandler} publishes each
 * event as a persistent message to a topic exchange and counts it published on the broker's
 * confirm.
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).build();
 *     RabbitMqHandler rabbit = RabbitMqHandler.builder()
 *         .uri("amqp://guest:guest@127.0.0.1:5672")
 *         .exchange("events")                          // declared durable, type topic
 *         .build();
 *     Publisher publisher = Publisher.builder()
 *         .outbox(store.outbox()).signals(store.signals())
 *         .handler(EventRouter.builder().route("User.*", rabbit).build())
 *         .build()) {
 *   publisher.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Consumers bind a queue to the exchange with a pattern over event names ({@code User.*},
 * {@code #}) and deduplicate on the message id, which is the event id.
 */
package io.messagedriven.publisher.rabbitmq;
