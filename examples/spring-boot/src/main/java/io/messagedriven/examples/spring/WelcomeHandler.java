package io.messagedriven.examples.spring;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.spring.HandlesEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Welcomes each new user: the publisher hands it every {@code User.created}, after the commit. */
// tag::handler[]
@Component
@HandlesEvents("User.created")
public class WelcomeHandler implements EventHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WelcomeHandler.class);
  private final List<String> welcomed = new CopyOnWriteArrayList<>();

  @Override
  public void handle(Event event) {          // outside any transaction; throw and it is retried
    LOG.info("welcome {}", event.payload());
    welcomed.add(event.aggregateId());       // at least once: a real one dedups on event.id()
  }

  /** The ids of the users welcomed so far. */
  public List<String> welcomed() {
    return List.copyOf(welcomed);
  }
}
// end::handler[]
