/**
 * Benchmarks: {@link io.messagedriven.examples.bench.BrokerBench} measures events per second
 * from the outbox to RabbitMQ, Kafka, NATS JetStream and a webhook, against the clients used
 * directly. The only examples code that writes SQL itself (to fill the outbox in bulk) and uses
 * broker clients directly (for the baseline).
 */
package io.messagedriven.examples.bench;
