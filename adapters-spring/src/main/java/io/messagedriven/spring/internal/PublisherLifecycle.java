package io.messagedriven.spring.internal;

import io.messagedriven.publisher.Publisher;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the publisher when the application context has started and stops it, letting running
 * handlers finish within the stop timeout, when the context closes (before the data source does).
 */
public final class PublisherLifecycle implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(PublisherLifecycle.class);

  private final Publisher publisher;
  private final Duration stopTimeout;
  private volatile boolean started;

  /** Runs {@code publisher} with the context; stopping waits up to {@code stopTimeout}. */
  public PublisherLifecycle(Publisher publisher, Duration stopTimeout) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
  }

  @Override
  public void start() {
    if (!started) {
      publisher.start();
      started = true;
    }
  }

  @Override
  public void stop() {
    if (started && publisher.isRunning()) {
      if (!publisher.stop(stopTimeout)) {
        LOG.warn("publisher {} stopped with handlers still running after {}; their events go to another "
            + "publisher when the lease expires", publisher.owner(), stopTimeout);
      }
    }
  }

  /** Whether the publisher runs; a stopped publisher does not start again (it is built once per context). */
  @Override
  public boolean isRunning() {
    return started && publisher.isRunning();
  }
}
