package io.messagedriven.application.operations.port;

import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * An aggregate held back by its head: its oldest unfinished event failed, or keeps failing and
 * is retried, and its later events wait behind it (a failed head holds them only when the store
 * is built with {@code failedEventsHoldAggregate}; they are counted either way).
 *
 * @param tenant the aggregate's tenant
 * @param aggregateType the aggregate's type
 * @param aggregateId the aggregate's id
 * @param head the id of the head event
 * @param headName the head event's name
 * @param headStatus {@link EventStatus#FAILED}, or {@link EventStatus#PENDING} or {@link
 *     EventStatus#IN_FLIGHT} for a head being retried
 * @param attempts the head's attempts so far
 * @param errorClass the class of the head's last error
 * @param errorMessage the message of the head's last error
 * @param occurredAt when the head event occurred
 * @param waiting how many later events of the aggregate are unfinished
 */
public record HeldAggregate(
    TenantId tenant,
    String aggregateType,
    String aggregateId,
    EventId head,
    String headName,
    EventStatus headStatus,
    int attempts,
    String errorClass,
    String errorMessage,
    Instant occurredAt,
    long waiting) {
  public HeldAggregate {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(headStatus, "headStatus");
  }
}
