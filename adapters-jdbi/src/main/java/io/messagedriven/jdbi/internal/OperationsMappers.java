package io.messagedriven.jdbi.internal;

import io.messagedriven.application.operations.port.CauseGroup;
import io.messagedriven.application.operations.port.EventSummary;
import io.messagedriven.application.operations.port.HeldAggregate;
import io.messagedriven.application.operations.port.PausedTenant;
import io.messagedriven.application.operations.port.PublisherRow;
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Row mappers of the operations' queries. */
final class OperationsMappers {
  private OperationsMappers() {}

  static TenantCounts counts(ResultSet rs) throws SQLException {
    return new TenantCounts(tenant(rs, "tenant_id"), rs.getString("slug"), rs.getLong("pending"), rs.getLong("in_flight"),
        rs.getLong("published"), rs.getLong("failed"), Duration.ofMillis(rs.getLong("lag_ms")), rs.getBoolean("paused"));
  }

  static CauseGroup cause(ResultSet rs) throws SQLException {
    List<EventId> examples = new ArrayList<>();
    Array array = rs.getArray("examples");
    for (Object id : (Object[]) array.getArray()) {
      examples.add(new EventId((UUID) id));
    }
    return new CauseGroup(rs.getString("cause"), rs.getString("error_class"), rs.getString("message"),
        rs.getLong("failed"), instant(rs, "first_seen"), instant(rs, "last_seen"), examples);
  }

  static HeldAggregate held(ResultSet rs) throws SQLException {
    return new HeldAggregate(tenant(rs, "tenant_id"), rs.getString("aggregate_type"), rs.getString("aggregate_id"),
        new EventId(rs.getObject("id", UUID.class)), rs.getString("name"), EventStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"), rs.getString("last_error_class"), rs.getString("last_error_message"),
        instant(rs, "occurred_at"), rs.getLong("waiting"));
  }

  static EventSummary summary(ResultSet rs) throws SQLException {
    EventStatus status = EventStatus.valueOf(rs.getString("status"));
    boolean finished = status == EventStatus.PUBLISHED || status == EventStatus.FAILED;
    return new EventSummary(rs.getLong("position"), new EventId(rs.getObject("id", UUID.class)), tenant(rs, "tenant_id"),
        rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.getString("name"), status, rs.getInt("attempts"),
        instant(rs, "occurred_at"), finished ? null : instant(rs, "next_attempt_at"), instant(rs, "published_at"),
        instant(rs, "failed_at"), rs.getString("last_error_class"), rs.getString("last_error_message"),
        status == EventStatus.FAILED ? rs.getString("last_error_cause") : null);
  }

  static PausedTenant paused(ResultSet rs) throws SQLException {
    return new PausedTenant(tenant(rs, "tenant_id"), rs.getString("slug"), instant(rs, "paused_at"), rs.getString("reason"));
  }

  static PublisherRow publisher(ResultSet rs) throws SQLException {
    return new PublisherRow(rs.getString("owner"), rs.getString("host"), instant(rs, "started_at"),
        instant(rs, "last_seen_at"), Duration.ofMillis(Math.max(0, rs.getLong("since_ms"))), rs.getInt("in_flight"),
        instant(rs, "stopped_at"));
  }

  static TenantId tenant(ResultSet rs, String column) throws SQLException {
    return new TenantId(rs.getObject(column, UUID.class));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
