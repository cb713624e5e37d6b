package io.messagedriven.publisher.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NatsHandlerTest {

  @Test
  void buildsWithDefaultsWithoutConnecting() throws InterruptedException {
    try (NatsHandler handler = NatsHandler.builder().url("nats://127.0.0.1:1").build()) {
      assertThat(handler).hasToString("NatsHandler[stream=any]");
    }
  }

  @Test
  void refusesBadSettingsNamingTheSettingAndValue() {
    assertThatThrownBy(() -> NatsHandler.builder().url("http://u:pw@host:4222").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url must be a nats:// or tls:// URL, was http://u:***@host:4222");
    assertThatThrownBy(() -> NatsHandler.builder().subjectPrefix("events").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subjectPrefix must be empty or tokens ending with a dot, was events");
    assertThatThrownBy(() -> NatsHandler.builder().subjectPrefix("a b.").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a b.");
    assertThatThrownBy(() -> NatsHandler.builder().stream("EVENTS.ALL").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EVENTS.ALL");
    assertThatThrownBy(() -> NatsHandler.builder().subjectPrefix("").stream("EVENTS").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subjectPrefix must not be empty");
    assertThatThrownBy(() -> NatsHandler.builder().ackTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("ackTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> NatsHandler.builder().cloudEvents(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cloudEvents is required (CloudEvents.off() for none), was null");
  }
}
