package io.messagedriven.application.operations.port;

import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.TenantId;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Which events a list or a bulk change covers; every criterion left null matches all. Start
 * from {@link #all()} and narrow it: {@code EventFilter.all().forTenant(t).withStatus(FAILED)}.
 *
 * @param tenant the events of this tenant only
 * @param status in this status only
 * @param name with this name only, such as {@code User.created}
 * @param aggregateType of aggregates of this type only
 * @param aggregateId of the aggregate with this id only (requires {@code aggregateType})
 * @param occurredFrom that occurred at or after this instant
 * @param occurredBefore that occurred before this instant
 * @param cause failed for the cause with this {@link CauseGroup#key} (failed events only)
 * @throws InvalidValueException naming the criterion for a blank or oversized text, an aggregate
 *     id without a type, an empty time range, a malformed cause key, or a cause with a status
 *     other than failed
 */
public record EventFilter(
    TenantId tenant,
    EventStatus status,
    String name,
    String aggregateType,
    String aggregateId,
    Instant occurredFrom,
    Instant occurredBefore,
    String cause) {
  private static final Pattern CAUSE_KEY = Pattern.compile("[0-9a-f]{16}");
  private static final int MAX_TEXT = 201;

  public EventFilter {
    text("name", name);
    text("aggregateType", aggregateType);
    text("aggregateId", aggregateId);
    if (aggregateId != null && aggregateType == null) {
      throw new InvalidValueException("aggregateId", aggregateId, "it needs an aggregateType too");
    }
    if (occurredFrom != null && occurredBefore != null && !occurredFrom.isBefore(occurredBefore)) {
      throw new InvalidValueException("occurredBefore", occurredBefore, "it is not after occurredFrom " + occurredFrom);
    }
    if (cause != null && !CAUSE_KEY.matcher(cause).matches()) {
      throw new InvalidValueException("cause", cause, "it is not a cause key (16 hex digits, as failures list them)");
    }
    if (cause != null && status != null && status != EventStatus.FAILED) {
      throw new InvalidValueException("status", status, "a cause selects failed events only");
    }
  }

  private static void text(String field, String value) {
    if (value != null && (value.isBlank() || value.length() > MAX_TEXT)) {
      throw new InvalidValueException(field, value, value.isBlank() ? "it is blank" : "it is longer than " + MAX_TEXT + " characters");
    }
  }

  /** Every event. */
  public static EventFilter all() {
    return new EventFilter(null, null, null, null, null, null, null, null);
  }

  /** This filter, narrowed to one tenant (null: every tenant). */
  public EventFilter forTenant(TenantId tenant) {
    return new EventFilter(tenant, status, name, aggregateType, aggregateId, occurredFrom, occurredBefore, cause);
  }

  /** This filter, narrowed to one status (null: any). */
  public EventFilter withStatus(EventStatus status) {
    return new EventFilter(tenant, status, name, aggregateType, aggregateId, occurredFrom, occurredBefore, cause);
  }

  /** This filter, narrowed to one event name (null: any). */
  public EventFilter withName(String name) {
    return new EventFilter(tenant, status, name, aggregateType, aggregateId, occurredFrom, occurredBefore, cause);
  }

  /** This filter, narrowed to aggregates of a type, and to one of them if {@code id} is not null. */
  public EventFilter withAggregate(String type, String id) {
    return new EventFilter(tenant, status, name, type, id, occurredFrom, occurredBefore, cause);
  }

  /** This filter, narrowed to events that occurred in {@code [from, before)}; either may be null. */
  public EventFilter occurredBetween(Instant from, Instant before) {
    return new EventFilter(tenant, status, name, aggregateType, aggregateId, from, before, cause);
  }

  /** This filter, narrowed to failed events of one cause group (null: any). */
  public EventFilter withCause(String causeKey) {
    return new EventFilter(tenant, status, name, aggregateType, aggregateId, occurredFrom, occurredBefore, causeKey);
  }
}
