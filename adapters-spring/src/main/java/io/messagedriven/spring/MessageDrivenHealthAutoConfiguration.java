package io.messagedriven.spring;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.publisher.Publisher;
import io.messagedriven.spring.internal.OutboxHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator health indicator {@code messageDriven}: {@code DOWN} when the database cannot be
 * reached or the publisher is not running, {@code message-driven.health.lag-status} when the lag
 * is above {@code message-driven.health.lag-threshold}. Off with {@code
 * management.health.message-driven.enabled=false}; backs off for a bean named {@code
 * messageDrivenHealthIndicator} of the application's.
 */
@AutoConfiguration(after = MessageDrivenAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Operations.class)
@ConditionalOnEnabledHealthIndicator("message-driven")
public class MessageDrivenHealthAutoConfiguration {

  /** The auto-configuration; Spring Boot creates it. */
  public MessageDrivenHealthAutoConfiguration() {}

  /** The indicator, reported by Actuator as {@code messageDriven}. */
  @Bean
  @ConditionalOnMissingBean(name = "messageDrivenHealthIndicator")
  public HealthIndicator messageDrivenHealthIndicator(Operations operations, ObjectProvider<Publisher> publisher, MessageDrivenProperties properties) {
    MessageDrivenProperties.Health health = properties.getHealth();
    Status lagStatus = health.getLagStatus() == MessageDrivenProperties.Health.LagStatus.OUT_OF_SERVICE
        ? Status.OUT_OF_SERVICE : Status.DOWN;
    return new OutboxHealthIndicator(operations, publisher.getIfUnique(),
        health.getLagThreshold(), lagStatus);
  }
}
