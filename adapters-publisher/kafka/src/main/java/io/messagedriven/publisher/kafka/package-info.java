/**
 * Kafka target: {@link io.messagedriven.publisher.kafka.KafkaHandler} sends each event as a record
 * keyed by its aggregate ({@code <tenant id>/<aggregate type>/<aggregate id>}) with an idempotent
 * producer ({@code acks=all}), and counts it published on the broker's acknowledgement.
 *
 * <pre>{@code
 * try (KafkaHandler kafka = KafkaHandler.builder()
 *         .bootstrapServers("127.0.0.1:9092")
 *         .topic("user-events")                 // default: one topic per aggregate type
 *         .build();
 *     Publisher publisher = Publisher.builder()
 *         .outbox(store.outbox()).signals(store.signals())
 *         .handler(EventRouter.builder().route("User.*", kafka).build())
 *         .build()) {
 *   publisher.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Records of one aggregate share a key, so they land in one partition in write order;
 * consumers deduplicate on the {@code event-id} header.
 */
package io.messagedriven.publisher.kafka;
