/**
 * Publishers and event handlers.
 *
 * <ul>
 *   <li>{@link io.messagedriven.publisher.Publisher}: claims due events, runs the handler on a
 *       bounded worker pool, acknowledges in batches; many may run at once.
 *   <li>{@link io.messagedriven.publisher.EventRouter}: an {@code EventHandler} that routes by
 *       event name ({@code User.created}, {@code User.*}, {@code *}) and fails unrouted events
 *       unless told otherwise.
 *   <li>{@link io.messagedriven.publisher.LoggingHandler}: logs each event.
 *   <li>{@link io.messagedriven.publisher.webhook.WebhookHandler}: posts each event to a URL,
 *       signed; broker targets (RabbitMQ, Kafka, NATS JetStream) are separate modules.
 *   <li>{@link io.messagedriven.publisher.MessageHeaders}: the headers every target sends and how
 *       each transport carries them (values beyond ASCII, content type); {@link
 *       io.messagedriven.publisher.CloudEvents}: the opt-in CloudEvents binary-mode attributes;
 *       {@link io.messagedriven.publisher.Acknowledgements}: send a batch, then await every
 *       acknowledgement, for adapters of your own.
 * </ul>
 *
 * <pre>{@code
 * EventRouter router = EventRouter.builder()
 *     .route("User.created", event -> System.out.println("welcome " + event.payload()))
 *     .build();
 * try (Publisher publisher = Publisher.builder()
 *     .outbox(store.outbox()).signals(store.signals()).handler(router).build()) {
 *   publisher.start();
 *   // ... until the application stops
 * }
 * }</pre>
 */
package io.messagedriven.publisher;
