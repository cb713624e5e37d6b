package io.messagedriven.application.operations.port;

import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * An event as a line of a list: everything but its payload, headers and stack trace.
 *
 * @param position its place in the write order
 * @param id the event's id
 * @param tenant its tenant
 * @param aggregateType its aggregate's type
 * @param aggregateId its aggregate's id
 * @param name its name
 * @param status where it is in its lifecycle
 * @param attempts how many times a publisher claimed it
 * @param occurredAt when it occurred
 * @param nextAttemptAt when a pending event is due, or an in-flight one's lease ends; null once
 *     published or failed
 * @param publishedAt when it was published; null unless published
 * @param failedAt when it failed for good; null unless failed
 * @param errorClass the class of its last error; null if none
 * @param errorMessage the message of its last error; null if none
 * @param cause the {@link CauseGroup#key} of a failed event; null unless failed
 */
public record EventSummary(
    long position,
    EventId id,
    TenantId tenant,
    String aggregateType,
    String aggregateId,
    String name,
    EventStatus status,
    int attempts,
    Instant occurredAt,
    Instant nextAttemptAt,
    Instant publishedAt,
    Instant failedAt,
    String errorClass,
    String errorMessage,
    String cause) {
  public EventSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(status, "status");
  }
}
