/** Confirming channels and the connection behind the RabbitMQ handler; not public API. */
package io.messagedriven.publisher.rabbitmq.internal;
