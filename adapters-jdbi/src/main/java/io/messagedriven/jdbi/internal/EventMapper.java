package io.messagedriven.jdbi.internal;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
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
    return event(rs, Headers.fromJson(rs.getString("headers")));
  }

  /** The event of the row with its {@link Event#SEQUENCE} header set to {@code position}. */
  static Event event(ResultSet rs, long position) throws SQLException {
    Map<String, String> headers = new LinkedHashMap<>(Headers.fromJson(rs.getString("headers")));
    headers.put(Event.SEQUENCE, Long.toString(position));
    return event(rs, headers);
  }

  private static Event event(ResultSet rs, Map<String, String> headers) throws SQLException {
    return new Event(
        new EventId(rs.getObject("id", UUID.class)),
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        rs.getString("aggregate_type"),
        rs.getString("aggregate_id"),
        rs.getString("name"),
        rs.getString("payload"),
        headers,
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
  }
}
