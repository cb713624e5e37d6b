package io.messagedriven.jdbi.internal;

import io.messagedriven.application.operations.port.EventFilter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The {@code where} clause of an {@link EventFilter} on {@code events e}, naming each status by
 * the columns its partial indexes are defined on, so the planner can use them; only the criteria
 * set are in the SQL, each with its own parameter.
 */
final class EventFilterSql {
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> bindings = new LinkedHashMap<>();

  EventFilterSql(EventFilter filter) {
    if (filter.tenant() != null) {
      add("e.tenant_id = :f_tenant", "f_tenant", filter.tenant().value());
    }
    if (filter.status() != null) {
      switch (filter.status()) {
        case FAILED -> conditions.add("e.failed_at is not null");
        case PUBLISHED -> conditions.add("e.published_at is not null");
        case PENDING, IN_FLIGHT -> add("e.published_at is null and e.failed_at is null and e.status = :f_status",
            "f_status", filter.status().name());
      }
    }
    if (filter.name() != null) {
      add("e.name = :f_name", "f_name", filter.name());
    }
    if (filter.aggregateType() != null) {
      add("e.aggregate_type = :f_aggregate_type", "f_aggregate_type", filter.aggregateType());
    }
    if (filter.aggregateId() != null) {
      add("e.aggregate_id = :f_aggregate_id", "f_aggregate_id", filter.aggregateId());
    }
    if (filter.occurredFrom() != null) {
      add("e.occurred_at >= :f_from", "f_from", filter.occurredFrom().atOffset(ZoneOffset.UTC));
    }
    if (filter.occurredBefore() != null) {
      add("e.occurred_at < :f_before", "f_before", filter.occurredBefore().atOffset(ZoneOffset.UTC));
    }
    if (filter.cause() != null) {
      add("e.failed_at is not null and e.last_error_cause = :f_cause", "f_cause", filter.cause());
    }
  }

  private void add(String condition, String name, Object value) {
    conditions.add(condition);
    bindings.put(name, value);
  }

  /** The conditions joined with {@code and}, each parenthesised; {@code true} for none. */
  String where() {
    return conditions.isEmpty() ? "true" : "(" + String.join(") and (", conditions) + ")";
  }

  /** Binds the conditions' parameters on {@code statement}. */
  <S extends SqlStatement<S>> S bind(S statement) {
    bindings.forEach(statement::bind);
    return statement;
  }
}
