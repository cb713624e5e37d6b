package io.messagedriven.publisher.nats.internal;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client errors at DEBUG (connection failures reach the publisher, which records and retries
 * them) and server errors at WARN, through SLF4J instead of the client's own SEVERE lines.
 */
public final class QuietErrors implements ErrorListener {
  private static final Logger log = LoggerFactory.getLogger("io.messagedriven.publisher.nats");

  @Override
  public void errorOccurred(Connection connection, String error) {
    log.warn("NATS server error: {}", error);
  }

  @Override
  public void exceptionOccurred(Connection connection, Exception exception) {
    log.debug("NATS client exception: {}", exception.toString());
  }
}
