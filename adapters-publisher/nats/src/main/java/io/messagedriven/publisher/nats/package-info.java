/**
 * NATS JetStream target: {@link io.messagedriven.publisher.nats.NatsHandler} publishes each event
 * to a subject captured by a stream, with {@code Nats-Msg-Id} set to the event id, and counts it
 * published on the stream's PubAck.
 *
 * <pre>{@code
 * try (NatsHandler nats = NatsHandler.builder()
 *         .url("nats://127.0.0.1:4222")
 *         .subjectPrefix("events.")             // User.created -> events.User.created
 *         .stream("EVENTS")                     // created over events.> if missing
 *         .build();
 *     Publisher publisher = Publisher.builder()
 *         .outbox(store.outbox()).signals(store.signals())
 *         .handler(nats)
 *         .build()) {
 *   publisher.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>The stream drops a message whose id it saw within its duplicate window, so a redelivery
 * after a lost PubAck is stored once; consumers still deduplicate on the {@code event-id}
 * header for redeliveries outside it.
 */
package io.messagedriven.publisher.nats;
