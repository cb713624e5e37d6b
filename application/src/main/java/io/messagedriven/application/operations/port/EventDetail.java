package io.messagedriven.application.operations.port;

import io.messagedriven.application.port.EventRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * One event in full: the event with its payload and headers, its status, attempts and last error
 * with its stack trace ({@link EventRecord}), and what an operator needs besides.
 *
 * @param record the event and its lifecycle
 * @param tenantSlug the slug of its tenant
 * @param createdAt when it was written to the outbox
 * @param leaseOwner the publisher holding it; null unless in flight
 * @param cause the {@link CauseGroup#key} of a failed event; null unless failed
 */
public record EventDetail(EventRecord record, String tenantSlug, Instant createdAt, String leaseOwner, String cause) {
  public EventDetail {
    Objects.requireNonNull(record, "record");
  }
}
