package io.messagedriven.publisher;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.domain.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventHandler} that logs each event at INFO (name, id, tenant, aggregate, headers and
 * payload) and accepts it. Useful as a route while developing, or beside a real target.
 */
public final class LoggingHandler implements EventHandler {
  private final Logger log;

  /** Logs to {@code io.messagedriven.publisher.events}. */
  public LoggingHandler() {
    this(LoggerFactory.getLogger("io.messagedriven.publisher.events"));
  }

  /** Logs to {@code log}. */
  public LoggingHandler(Logger log) {
    this.log = log;
  }

  @Override
  public void handle(Event event) {
    log.info("{} id={} tenant={} aggregate={}/{} headers={} payload={}",
        event.name(), event.id(), event.tenantId(), event.aggregateType(), event.aggregateId(),
        event.headers(), event.payload());
  }
}
