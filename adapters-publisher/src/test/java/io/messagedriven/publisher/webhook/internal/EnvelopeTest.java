package io.messagedriven.publisher.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  @Test
  void writesTheEventFieldsEscapedAndThePayloadAsIs() {
    TenantId tenant = new TenantId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
    Event event = Event.raise(tenant, "User", "a\"b\\c\u2028d", "User.created", "{\"x\": [1, 2]}",
        Instant.parse("2024-05-01T10:15:30Z")).withHeader("correlation-id", "say \"hi\"");

    assertThat(Envelope.json(event)).isEqualTo("{\"id\":\"" + event.id() + "\","
        + "\"tenantId\":\"00000000-0000-0000-0000-000000000001\",\"aggregateType\":\"User\","
        + "\"aggregateId\":\"a\\\"b\\\\c\\u2028d\",\"name\":\"User.created\",\"occurredAt\":\"2024-05-01T10:15:30.000000Z\","
        + "\"headers\":{\"correlation-id\":\"say \\\"hi\\\"\"},\"payload\":{\"x\": [1, 2]}}");
  }

  @Test
  void signsLikeTheStandardWebhooksTestVector() {
    Signature signature = Signature.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
        "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void aSecretWithoutThePrefixIsItsOwnUtf8Bytes() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    String asText = Signature.of("plain text secret").sign("id", 1, body);
    String asBase64 = Signature.of("whsec_" + Base64.getEncoder().encodeToString(
        "plain text secret".getBytes(StandardCharsets.UTF_8))).sign("id", 1, body);
    assertThat(asText).isEqualTo(asBase64).startsWith("v1,");
  }

  @Test
  void refusesABadSecretWithoutShowingIt() {
    assertThatThrownBy(() -> Signature.of("whsec_not*base64"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whsec_").hasMessageNotContaining("not*base64");
    assertThatThrownBy(() -> Signature.of("whsec_")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Signature.of("")).hasMessage("secret is required, was empty");
    assertThatThrownBy(() -> Signature.of(null)).hasMessage("secret is required, was null");
  }
}
