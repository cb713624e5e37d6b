package io.messagedriven.publisher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KafkaHandlerTest {

  @Test
  void buildsWithoutConnecting() {
    try (KafkaHandler handler = KafkaHandler.builder().bootstrapServers("127.0.0.1:1").topic("events").build()) {
      assertThat(handler).hasToString("KafkaHandler[127.0.0.1:1, topic=events]");
    }
  }

  @Test
  void refusesBadSettingsNamingTheSettingAndValue() {
    assertThatThrownBy(() -> KafkaHandler.builder().bootstrapServers("localhost").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bootstrapServers must be host:port[,host:port...], was localhost");
    assertThatThrownBy(() -> KafkaHandler.builder().topic("user events").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topic must be 1 to 249 letters, digits, '.', '_' or '-', was user events");
    assertThatThrownBy(() -> KafkaHandler.builder().deliveryTimeout(Duration.ofMillis(500)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("deliveryTimeout must be at least 1s, was PT0.5S");
    assertThatThrownBy(() -> KafkaHandler.builder().producerProperty("acks", "1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks");
    assertThatThrownBy(() -> KafkaHandler.builder().producerProperty("compression.type", "zip").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compression.type");
    assertThatThrownBy(() -> KafkaHandler.builder().recordKey(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("recordKey is required, was null");
    assertThatThrownBy(() -> KafkaHandler.builder().cloudEvents(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cloudEvents is required (CloudEvents.off() for none), was null");
  }

  @Test
  void theDefaultKeyIdentifiesTheAggregateFully() {
    TenantId tenant = new TenantId(UUID.fromString("0b6f5c1e-0000-4000-8000-000000000001"));
    Event event = Event.raise(tenant, "User", "42/a", "User.created", "{}", Instant.EPOCH);
    assertThat(KafkaHandler.aggregateKey(event)).isEqualTo("0b6f5c1e-0000-4000-8000-000000000001/User/42/a");
  }
}
