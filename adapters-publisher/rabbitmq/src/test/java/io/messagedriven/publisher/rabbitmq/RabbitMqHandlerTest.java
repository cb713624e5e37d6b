package io.messagedriven.publisher.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RabbitMqHandlerTest {

  @Test
  void buildsWithDefaultsWithoutConnecting() {
    try (RabbitMqHandler handler = RabbitMqHandler.builder().uri("amqp://127.0.0.1:1").build()) {
      assertThat(handler).hasToString("RabbitMqHandler[exchange=events]");
    }
  }

  @Test
  void refusesBadSettingsNamingTheSettingAndValue() {
    assertThatThrownBy(() -> RabbitMqHandler.builder().uri("http://user:pw@host").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri must be an amqp:// or amqps:// URI, was http://user:***@host");
    assertThatThrownBy(() -> RabbitMqHandler.builder().exchange(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("exchange must be 1 to 255 characters, was  ");
    assertThatThrownBy(() -> RabbitMqHandler.builder().exchange("amq.topic").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amq.topic");
    assertThatThrownBy(() -> RabbitMqHandler.builder().routingKey(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("routingKey is required, was null");
    assertThatThrownBy(() -> RabbitMqHandler.builder().confirmTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("confirmTimeout must be positive, was PT-1S");
    assertThatThrownBy(() -> RabbitMqHandler.builder().connectionTimeout(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("connectionTimeout must be positive, was null");
    assertThatThrownBy(() -> RabbitMqHandler.builder().cloudEvents(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cloudEvents is required (CloudEvents.off() for none), was null");
  }

  @Test
  void aReservedExchangeIsFineWhenNotDeclared() {
    try (RabbitMqHandler handler = RabbitMqHandler.builder().exchange("amq.topic").declareExchange(false).build()) {
      assertThat(handler).hasToString("RabbitMqHandler[exchange=amq.topic]");
    }
  }
}
