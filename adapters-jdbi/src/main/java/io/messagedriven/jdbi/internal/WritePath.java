package io.messagedriven.jdbi.internal;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * The statements every write transaction runs (enter the tenant, insert a user, append events),
 * in plain JDBC on the transaction's own connection. They are the hot path of {@code CreateUser}:
 * binding them through Jdbi's statement machinery cost more CPU than PostgreSQL spent running
 * them. Everything else goes through Jdbi.
 */
final class WritePath {
  private static final String INSERT_USER =
      "insert into users (id, tenant_id, email, name, created_at) values (?, ?, ?, ?, ?)";
  private static final String INSERT_EVENT =
      "insert into events (id, tenant_id, aggregate_type, aggregate_id, name, payload, headers, occurred_at) "
          + "values (?, ?, ?, ?, ?, cast(? as json), cast(? as json), ?)";

  private WritePath() {}

  /** Runs the statement that scopes a transaction ({@code select set_config(...)}, one parameter). */
  static void enter(Connection connection, String sql, String tenant) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, tenant);
      statement.executeQuery().close();
    }
  }

  static void insertUser(Connection connection, User user) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_USER)) {
      insert.setObject(1, user.id().value());
      insert.setObject(2, user.tenantId().value());
      insert.setString(3, user.email().value());
      insert.setString(4, user.name());
      insert.setObject(5, user.createdAt().atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  static void insertEvents(Connection connection, Collection<Event> events) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
      for (Event event : events) {
        insert.setObject(1, event.id().value());
        insert.setObject(2, event.tenantId().value());
        insert.setString(3, event.aggregateType());
        insert.setString(4, event.aggregateId());
        insert.setString(5, event.name());
        insert.setString(6, event.payload());
        insert.setString(7, Headers.toJson(event.headers()));
        insert.setObject(8, event.occurredAt().atOffset(ZoneOffset.UTC));
        if (events.size() == 1) {
          insert.executeUpdate();
          return;
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
