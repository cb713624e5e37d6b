package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.application.port.Failure;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** SQL of an aggregate's history, read through the {@code events_aggregate} index. */
@RegisterRowMapper(EventHistoryDao.Mapper.class)
interface EventHistoryDao {

  @SqlQuery(
      """
      select position, id, tenant_id, aggregate_type, aggregate_id, name, payload::text as payload,
             headers::text as headers, occurred_at, status, attempts, next_attempt_at,
             last_error_class, last_error_message, last_error_stack, published_at, failed_at, delivered_to
      from <schema>.events
      where tenant_id = :tenantId and aggregate_type = :aggregateType and aggregate_id = :aggregateId
        and position > :after
      order by position
      limit :limit
      """)
  List<EventRecord> of(
      @Bind("tenantId") UUID tenantId,
      @Bind("aggregateType") String aggregateType,
      @Bind("aggregateId") String aggregateId,
      @Bind("after") long afterPosition,
      @Bind("limit") int limit);

  final class Mapper implements RowMapper<EventRecord> {
    @Override
    public EventRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
      EventStatus status = EventStatus.valueOf(rs.getString("status"));
      boolean finished = status == EventStatus.PUBLISHED || status == EventStatus.FAILED;
      String errorClass = rs.getString("last_error_class");
      Failure error = errorClass == null ? null
          : new Failure(errorClass, rs.getString("last_error_message"), rs.getString("last_error_stack"));
      return new EventRecord(
          rs.getLong("position"),
          EventMapper.event(rs),
          status,
          rs.getInt("attempts"),
          finished ? null : instant(rs, "next_attempt_at"),
          error,
          instant(rs, "published_at"),
          instant(rs, "failed_at"),
          Set.of((String[]) rs.getArray("delivered_to").getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
      OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    }
  }
}
