package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.ClaimedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a claimed row: the event columns, its attempt count and its lease token. */
public final class ClaimedEventMapper implements RowMapper<ClaimedEvent> {
  @Override
  public ClaimedEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ClaimedEvent(EventMapper.event(rs), rs.getInt("attempts"), rs.getObject("lease_token", UUID.class));
  }
}
