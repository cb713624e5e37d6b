package io.messagedriven.spring.internal;

import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.publisher.Publisher;
import io.messagedriven.spring.MessageDrivenProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Puts the {@code message-driven.publisher.*} properties on a {@link Publisher.Builder}, and turns
 * a setting the builder refuses into a startup failure that names the property.
 */
public final class PublisherSettings {
  private final RefusedSettings applied = new RefusedSettings("message-driven.publisher.");

  private PublisherSettings() {}

  /**
   * Applies {@code properties} to {@code builder}.
   *
   * @throws InvalidConfigurationPropertyValueException naming the retry property that {@link
   *     RetryPolicy} refuses
   */
  public static PublisherSettings apply(MessageDrivenProperties.Publisher properties, Publisher.Builder builder) {
    PublisherSettings settings = new PublisherSettings();
    RefusedSettings applied = settings.applied;
    applied.set("name", properties.getName(), builder::name);
    applied.set("batch-size", properties.getBatchSize(), builder::batchSize);
    applied.set("workers", properties.getWorkers(), builder::workers);
    if (properties.getMaxInFlight() != null) {
      applied.set("max-in-flight", properties.getMaxInFlight(), builder::maxInFlight);
    }
    applied.set("poll-interval", properties.getPollInterval(), builder::pollInterval);
    applied.set("lease", properties.getLease(), builder::lease);
    applied.set("stop-timeout", properties.getStopTimeout(), builder::stopTimeout);
    applied.set("outage-probe-interval", properties.getOutageProbeInterval(), builder::outageProbeInterval);
    if (properties.isKeepPublishedForever()) {
      builder.keepPublishedForever();
    } else {
      applied.set("keep-published", properties.getKeepPublished(), builder::keepPublished);
    }
    builder.retryPolicy(settings.retryPolicy(properties.getRetry()));
    return settings;
  }

  /**
   * Builds the publisher.
   *
   * @throws InvalidConfigurationPropertyValueException naming the property whose value the
   *     builder refuses; a refusal of a setting no property sets (a customizer's) is rethrown as is
   */
  public Publisher build(Publisher.Builder builder) {
    return applied.build(builder::build);
  }

  private RetryPolicy retryPolicy(MessageDrivenProperties.Retry retry) {
    applied.put("retry.max-attempts", retry.getMaxAttempts());
    applied.put("retry.initial-delay", retry.getInitialDelay());
    applied.put("retry.max-delay", retry.getMaxDelay());
    applied.put("retry.multiplier", retry.getMultiplier());
    applied.put("retry.jitter", retry.getJitter());
    applied.put("retry.non-retryable", retry.getNonRetryable());
    return applied.build(() -> new RetryPolicy(retry.getMaxAttempts(), retry.getInitialDelay(),
        retry.getMaxDelay(), retry.getMultiplier(), retry.getJitter(), retry.getNonRetryable()));
  }
}
