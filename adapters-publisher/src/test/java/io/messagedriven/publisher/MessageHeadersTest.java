package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {
  private final Event event = Event.raise(new TenantId(UUID.randomUUID()), "User", "u-1", "User.created",
      "{}", Instant.parse("2024-05-01T10:15:30.123Z")).withHeader(Event.CORRELATION_ID, "c-1");

  @Test
  void standardHeadersComeFirstThenTheEventsOwn() {
    assertThat(MessageHeaders.of(event)).containsExactly(
        entry("event-id", event.id().toString()),
        entry("tenant-id", event.tenantId().toString()),
        entry("aggregate-type", "User"),
        entry("aggregate-id", "u-1"),
        entry("event-name", "User.created"),
        entry("occurred-at", "2024-05-01T10:15:30.123Z"),
        entry("correlation-id", "c-1"));
  }

  @Test
  void anEventHeaderCannotOverrideAStandardOne() {
    assertThat(MessageHeaders.of(event.withHeader("event-id", "forged")))
        .containsEntry(MessageHeaders.EVENT_ID, event.id().toString());
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }
}
