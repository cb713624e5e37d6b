package io.messagedriven.spring;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.micrometer.OutboxMetrics;
import io.messagedriven.spring.internal.MeteredPublisher;
import io.messagedriven.spring.internal.PublisherInstruments;
import io.messagedriven.spring.internal.RefusedSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * The outbox's Micrometer meters in the application's {@link MeterRegistry} (Actuator's, or a
 * bean of the application's), when {@code message-driven-micrometer} is on the classpath: an
 * {@link OutboxMetrics} whose gauges read the {@link Operations} bean, whose listener hears the
 * starter's publisher (beside a {@code PublishingListener} bean of the application's) and which
 * times the publisher's router under the target tag {@code router}. Off with {@code
 * message-driven.metrics.enabled=false}; an {@code OutboxMetrics} bean of the application's
 * replaces the starter's and is wired into the publisher the same way. Closing the context stops
 * the gauges' reads.
 */
@AutoConfiguration(
    after = MessageDrivenAutoConfiguration.class,
    afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({OutboxMetrics.class, MeterRegistry.class})
@ConditionalOnBean(Operations.class)
@ConditionalOnBooleanProperty(name = "message-driven.metrics.enabled", matchIfMissing = true)
public class MessageDrivenMetricsAutoConfiguration {

  /** The auto-configuration; Spring Boot creates it. */
  public MessageDrivenMetricsAutoConfiguration() {}

  /**
   * The metrics, from the {@code message-driven.metrics.*} properties, on the application's
   * single {@link MeterRegistry}.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(MeterRegistry.class)
  public OutboxMetrics messageDrivenMetrics(MeterRegistry registry, Operations operations,
      MessageDrivenProperties properties) {
    MessageDrivenProperties.Metrics metrics = properties.getMetrics();
    try {
      return OutboxMetrics.builder()
          .registry(registry)
          .operations(operations)
          .refreshInterval(metrics.getRefreshInterval())
          .tenantTag(metrics.isTenantTag())
          .build();
    } catch (IllegalArgumentException e) {
      throw RefusedSettings.refused("message-driven.metrics.refresh-interval", metrics.getRefreshInterval(), e);
    }
  }

  /** Wires the {@link OutboxMetrics} bean, the starter's or the application's, into the starter's publisher. */
  @Bean
  @ConditionalOnMissingBean
  public PublisherInstruments messageDrivenPublisherMetrics(ObjectProvider<OutboxMetrics> metrics) {
    return new MeteredPublisher(metrics::getIfUnique);
  }
}
