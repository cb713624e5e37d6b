package io.messagedriven.publisher.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookHandlerTest {

  private static WebhookHandler.Builder valid() {
    return WebhookHandler.builder().url("http://127.0.0.1:8080/hook").secret("s3cret");
  }

  @Test
  void buildsWithAUrlAndASecret() {
    assertThat(valid().build()).hasToString("WebhookHandler[http://127.0.0.1:8080/hook]");
  }

  @Test
  void refusesBadSettingsNamingTheSettingAndValue() {
    assertThatThrownBy(() -> WebhookHandler.builder().secret("s").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("url is required, was null");
    assertThatThrownBy(() -> valid().url("ftp://example.com/x").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url").hasMessageContaining("ftp://example.com/x");
    assertThatThrownBy(() -> valid().url("not a url").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a url");
    assertThatThrownBy(() -> valid().secret("").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("secret is required, was empty");
    assertThatThrownBy(() -> valid().connectTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> valid().requestTimeout(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("requestTimeout must be positive, was null");
    assertThatThrownBy(() -> valid().maxConcurrentRequests(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConcurrentRequests must be 1 to 1000, was 0");
  }

  @Test
  void refusesHeadersTheClientCannotSend() {
    assertThatThrownBy(() -> valid().header("Host", "evil"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Host");
    assertThatThrownBy(() -> valid().header("X-Token", "a\r\nb"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Token");
    assertThat(valid().header("Authorization", "Bearer t").build()).isNotNull();
  }
}
