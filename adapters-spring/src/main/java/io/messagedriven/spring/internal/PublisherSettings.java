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
    settings.put("name", "name", properties.getName());
    builder.name(properties.getName());
    settings.put("batchSize", "batch-size", properties.getBatchSize());
    builder.batchSize(properties.getBatchSize());
    settings.put("workers", "workers", properties.getWorkers());
    builder.workers(properties.getWorkers());
    if (properties.getMaxInFlight() != null) {
      settings.put("maxInFlight", "max-in-flight", properties.getMaxInFlight());
      builder.maxInFlight(properties.getMaxInFlight());
    }
    settings.put("pollInterval", "poll-interval", properties.getPollInterval());
    builder.pollInterval(properties.getPollInterval());
    settings.put("lease", "lease", properties.getLease());
    builder.lease(properties.getLease());
    settings.put("stopTimeout", "stop-timeout", properties.getStopTimeout());
    builder.stopTimeout(properties.getStopTimeout());
    settings.put("outageProbeInterval", "outage-probe-interval", properties.getOutageProbeInterval());
    builder.outageProbeInterval(properties.getOutageProbeInterval());
    if (properties.isKeepPublishedForever()) {
      builder.keepPublishedForever();
    } else {
      settings.put("keepPublished", "keep-published", properties.getKeepPublished());
      builder.keepPublished(properties.getKeepPublished());
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
    String retryPrefix = "retry.";
    put("maxAttempts", retryPrefix + "max-attempts", retry.getMaxAttempts());
    put("initialDelay", retryPrefix + "initial-delay", retry.getInitialDelay());
    put("maxDelay", retryPrefix + "max-delay", retry.getMaxDelay());
    put("multiplier", retryPrefix + "multiplier", retry.getMultiplier());
    put("jitter", retryPrefix + "jitter", retry.getJitter());
    put("nonRetryable", retryPrefix + "non-retryable", retry.getNonRetryable());
    return applied.build(() -> new RetryPolicy(retry.getMaxAttempts(), retry.getInitialDelay(),
        retry.getMaxDelay(), retry.getMultiplier(), retry.getJitter(), retry.getNonRetryable()));
  }

  private void put(String setting, String property, Object value) {
    applied.put(setting, property, value);
  }
}
