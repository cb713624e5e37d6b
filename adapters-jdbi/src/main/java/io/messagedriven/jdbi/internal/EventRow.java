package io.messagedriven.jdbi.internal;

import io.messagedriven.domain.Event;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** An event flattened to the columns it is inserted with. */
public record EventRow(
    UUID id,
    UUID tenantId,
    String aggregateType,
    String aggregateId,
    String name,
    String payload,
    String headers,
    OffsetDateTime occurredAt) {

  static EventRow of(Event event) {
    return new EventRow(
        event.id().value(),
        event.tenantId().value(),
        event.aggregateType(),
        event.aggregateId(),
        event.name(),
        event.payload(),
        Headers.toJson(event.headers()),
        event.occurredAt().atOffset(ZoneOffset.UTC));
  }
}
