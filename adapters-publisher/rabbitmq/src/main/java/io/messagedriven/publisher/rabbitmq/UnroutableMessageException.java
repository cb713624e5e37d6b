package io.messagedriven.publisher.rabbitmq;

/**
 * RabbitMQ returned the message of an event: no queue is bound to the exchange for its routing
 * key. The event is not published; it is retried with backoff, so it is delivered once a queue
 * is bound, and failed when out of attempts.
 */
public final class UnroutableMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnroutableMessageException(String message) {
    super(message);
  }
}
