package io.messagedriven.spring.internal;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.publisher.Publisher;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The outbox's health: {@code DOWN} when the database cannot be reached or the publisher of this
 * instance is not running; the configured status when the lag is above its threshold; else
 * {@code UP}. Details: {@code lag}, {@code publisher} and its {@code owner}. The lag is the
 * operations API's, over every tenant.
 */
public final class OutboxHealthIndicator extends AbstractHealthIndicator {
  private final Operations operations;
  private final Publisher publisher;
  private final Duration lagThreshold;
  private final Status lagStatus;

  /**
   * Checks the lag {@code operations} reports against {@code lagThreshold} (null for none) and {@code publisher} (null
   * when this instance runs none).
   */
  public OutboxHealthIndicator(Operations operations, Publisher publisher, Duration lagThreshold, Status lagStatus) {
    super("message-driven health check failed");
    this.operations = Objects.requireNonNull(operations, "operations");
    this.publisher = publisher;
    this.lagThreshold = lagThreshold;
    this.lagStatus = Objects.requireNonNull(lagStatus, "lagStatus");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    Duration current = operations.status(null).lag();   // throws when the database cannot be reached: DOWN
    builder.withDetail("lag", current.toString());
    if (lagThreshold != null) {
      builder.withDetail("lagThreshold", lagThreshold.toString());
    }
    boolean running = publisher == null || publisher.isRunning();
    if (publisher == null) {
      builder.withDetail("publisher", "disabled");
    } else {
      builder.withDetail("publisher", running ? "running" : "stopped").withDetail("owner", publisher.owner());
    }
    if (!running) {
      builder.down();
    } else if (lagThreshold != null && current.compareTo(lagThreshold) > 0) {
      builder.status(lagStatus);
    } else {
      builder.up();
    }
  }
}
