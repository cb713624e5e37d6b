package io.messagedriven.spring;

import io.messagedriven.publisher.rabbitmq.RabbitMqHandler;
import io.messagedriven.spring.internal.RefusedSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A RabbitMQ target from properties: with {@code message-driven-publisher-rabbitmq} on the
 * classpath and {@code message-driven.targets.rabbitmq.uri} set, a {@link RabbitMqHandler} bean
 * and an {@link EventRoute} sending it the events named by {@code
 * message-driven.targets.rabbitmq.events} (all by default). Backs off for a {@link
 * RabbitMqHandler} bean of the application's.
 */
@AutoConfiguration(before = MessageDrivenAutoConfiguration.class)
@ConditionalOnClass(RabbitMqHandler.class)
@ConditionalOnProperty(prefix = "message-driven.targets.rabbitmq", name = "uri")
@ConditionalOnBooleanProperty(name = "message-driven.publisher.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RabbitMqTargetProperties.class)
public class MessageDrivenRabbitMqAutoConfiguration {

  /** The auto-configuration; Spring Boot creates it. */
  public MessageDrivenRabbitMqAutoConfiguration() {}

  /**
   * The handler, built from the properties; it connects on its first batch, so a broker that is
   * down at startup only delays publishing.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public RabbitMqHandler messageDrivenRabbitMq(RabbitMqTargetProperties properties) {
    RefusedSettings settings = new RefusedSettings("message-driven.targets.rabbitmq.");
    settings.put("uri", "(not shown: it may hold a password)");
    settings.put("exchange", properties.getExchange());
    settings.put("confirm-timeout", properties.getConfirmTimeout());
    settings.put("connection-timeout", properties.getConnectionTimeout());
    settings.put("connection-name", properties.getConnectionName());
    return settings.build(() -> RabbitMqHandler.builder()
        .uri(properties.getUri())
        .exchange(properties.getExchange())
        .declareExchange(properties.isDeclareExchange())
        .confirmTimeout(properties.getConfirmTimeout())
        .connectionTimeout(properties.getConnectionTimeout())
        .connectionName(properties.getConnectionName())
        .build());
  }

  /** Routes {@code message-driven.targets.rabbitmq.events} to the handler. */
  @Bean
  public EventRoute messageDrivenRabbitMqRoute(RabbitMqHandler rabbitMq, RabbitMqTargetProperties properties) {
    return new EventRoute(properties.getEvents(), rabbitMq);
  }
}
