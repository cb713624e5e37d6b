package io.messagedriven.spring.internal;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.micrometer.OutboxMetrics;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The publisher measured by the application's {@link OutboxMetrics}: its router timed and its
 * outcomes counted under the target tag {@value #TARGET}. The metrics are looked up when the
 * publisher is built, so an {@code OutboxMetrics} bean of the application's is used as well as
 * the starter's; with none, the publisher is left as it is.
 */
public final class MeteredPublisher implements PublisherInstruments {
  /** The {@code target} tag of the starter's publisher: its router, all routes together. */
  public static final String TARGET = "router";

  private final Supplier<OutboxMetrics> metrics;

  /** Measures with what {@code metrics} supplies (null for none). */
  public MeteredPublisher(Supplier<OutboxMetrics> metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public EventHandler handler(EventHandler router) {
    OutboxMetrics found = metrics.get();
    return found == null ? router : found.timed(TARGET, router);
  }

  @Override
  public PublishingListener listener() {
    OutboxMetrics found = metrics.get();
    return found == null ? PublishingListener.NONE : found.listener(TARGET);
  }
}
