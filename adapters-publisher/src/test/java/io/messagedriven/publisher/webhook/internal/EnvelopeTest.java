package io.messagedriven.publisher.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
        + "\"aggregateId\":\"a\\\"b\\\\c\\u2028d\",\"name\":\"User.created\",\"occurredAt\":\"2024-05-01T10:15:30Z\","
        + "\"headers\":{\"correlation-id\":\"say \\\"hi\\\"\"},\"payload\":{\"x\": [1, 2]}}");
  }

  @Test
  void signsWithHmacSha256() {
    // RFC 4231, test case 2
    Signature signature = new Signature("Jefe".getBytes(StandardCharsets.UTF_8));
    assertThat(signature.sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
}
