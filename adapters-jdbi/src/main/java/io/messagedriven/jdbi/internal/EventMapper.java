package io.messagedriven.jdbi.internal;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps the event columns of a row (payload and headers selected as text). */
public final class EventMapper implements RowMapper<Event> {
  @Override
  public Event map(ResultSet rs, StatementContext ctx) throws SQLException {
    return event(rs);
  }

  static Event event(ResultSet rs) throws SQLException {
    return new Event(
        new EventId(rs.getObject("id", UUID.class)),
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        rs.getString("aggregate_type"),
        rs.getString("aggregate_id"),
        rs.getString("name"),
        rs.getString("payload"),
        Headers.fromJson(rs.getString("headers")),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
  }
}
