package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.domain.Event;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a claimed row: the event columns with its position as the {@link Event#SEQUENCE} header,
 * its attempt count, its lease token and the targets that have it.
 */
public final class ClaimedEventMapper implements RowMapper<ClaimedEvent> {
  @Override
  public ClaimedEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
    Event event = EventMapper.event(rs, rs.getLong("position"));
    String[] delivered = (String[]) rs.getArray("delivered_to").getArray();
    return new ClaimedEvent(event, rs.getInt("attempts"), rs.getObject("lease_token", UUID.class), Set.of(delivered));
  }
}
