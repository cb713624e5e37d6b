package io.messagedriven.publisher.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
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
    assertThatThrownBy(() -> valid().retryableStatuses(Set.of(503)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("retryableStatuses must be 4xx statuses, was [503]");
    assertThatThrownBy(() -> valid().retryableStatuses(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("retryableStatuses must be 4xx statuses, was null");
    assertThatThrownBy(() -> valid().cloudEvents(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cloudEvents");
    assertThatThrownBy(() -> valid().clock(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("clock is required, was null");
    assertThatThrownBy(() -> valid().secret("whsec_!!").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret").hasMessageNotContaining("!!");
  }

  @Test
  void defaultsRetryOnlyTheClientErrorsThatMeanNotNow() {
    assertThat(valid().retryableStatuses(Set.of()).build()).isNotNull();
    assertThat(valid().secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").build()).isNotNull();
  }

  @Test
  void refusesHeadersTheClientCannotSend() {
    assertThatThrownBy(() -> valid().header("Host", "evil"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Host");
    assertThatThrownBy(() -> valid().header("X-Token", "a\r\nb"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Token");
    assertThatThrownBy(() -> valid().header("X-Name", "José"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
    for (String own : new String[] {"Content-Type", "webhook-signature", "Webhook-Id", "ce-id", "event-id", "Aggregate-Id",
        "Transfer-Encoding"}) {
      assertThatThrownBy(() -> valid().header(own, "x")).as(own)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(own);
    }
    assertThat(valid().header("Authorization", "Bearer t").build()).isNotNull();
  }
}
