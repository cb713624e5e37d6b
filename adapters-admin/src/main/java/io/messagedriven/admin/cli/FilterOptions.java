package io.messagedriven.admin.cli;

import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.TenantId;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The options that select events, shared by {@code events}, {@code requeue} and {@code delete}. */
final class FilterOptions {
  @Option(names = "--status", description = "pending, in_flight, published or failed.")
  EventStatus status;

  @Option(names = "--name", description = "Events of this name, such as User.created.")
  String name;

  @Option(names = "--aggregate-type", description = "Events of aggregates of this type, such as User.")
  String aggregateType;

  @Option(names = "--aggregate-id", description = "Events of the aggregate with this id (needs --aggregate-type).")
  String aggregateId;

  @Option(names = "--from", description = "Events that occurred at or after this instant (ISO-8601, such as 2026-01-31T12:00:00Z).")
  Instant from;

  @Option(names = "--before", description = "Events that occurred before this instant (ISO-8601).")
  Instant before;

  @Option(names = "--cause", description = "Failed events of this cause (the key that `failures` lists).")
  String cause;

  /** Whether any option here was given. */
  boolean any() {
    return status != null || name != null || aggregateType != null || aggregateId != null || from != null
        || before != null || cause != null;
  }

  /** The filter these options and {@code tenant} (null: every tenant) make. */
  EventFilter filter(TenantId tenant) {
    return new EventFilter(tenant, status, name, aggregateType, aggregateId, from, before, cause);
  }
}
