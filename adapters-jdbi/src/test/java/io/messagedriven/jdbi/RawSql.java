package io.messagedriven.jdbi;

import io.messagedriven.domain.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Hand-written SQL inside a store's transactions, through {@link PostgresStore#connection}. */
final class RawSql {
  private final PostgresStore store;

  RawSql(PostgresStore store) {
    this.store = store;
  }

  /** Work on the connection of an open transaction. */
  interface Work<T> {
    T apply(Sql sql) throws SQLException;
  }

  /** The first column of {@code query} as UUIDs, run in {@code tenant}, or with no tenant when null. */
  List<UUID> uuids(TenantId tenant, String query, Object... values) {
    return in(tenant, sql -> sql.uuids(query, values));
  }

  /** The first column of {@code query} as text, run in {@code tenant}, or with no tenant when null. */
  List<String> strings(TenantId tenant, String query, Object... values) {
    return in(tenant, sql -> sql.strings(query, values));
  }

  /** The row count of {@code statement}, run in {@code tenant}, or with no tenant when null. */
  int update(TenantId tenant, String statement, Object... values) {
    return in(tenant, sql -> sql.update(statement, values));
  }

  <T> T in(TenantId tenant, Work<T> work) {
    return tenant == null ? withoutTenant(work) : inTenant(tenant, work);
  }

  <T> T inTenant(TenantId tenant, Work<T> work) {
    return store.transactions().inTenant(tenant, tx -> run(new Sql(PostgresStore.connection(tx)), work));
  }

  <T> T withoutTenant(Work<T> work) {
    return store.transactions().withoutTenant(tx -> run(new Sql(PostgresStore.connection(tx)), work));
  }

  private static <T> T run(Sql sql, Work<T> work) {
    try {
      return work.apply(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Plain JDBC on one connection; no value is ever spliced into a statement by these helpers. */
  static final class Sql {
    private final Connection connection;

    Sql(Connection connection) {
      this.connection = connection;
    }

    List<UUID> uuids(String query, Object... values) throws SQLException {
      List<UUID> found = new ArrayList<>();
      try (PreparedStatement statement = prepare(query, values); ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getObject(1, UUID.class));
        }
      }
      return found;
    }

    List<String> strings(String query, Object... values) throws SQLException {
      List<String> found = new ArrayList<>();
      try (PreparedStatement statement = prepare(query, values); ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
      return found;
    }

    int update(String statement, Object... values) throws SQLException {
      try (PreparedStatement prepared = prepare(statement, values)) {
        return prepared.executeUpdate();
      }
    }

    private PreparedStatement prepare(String sql, Object... values) throws SQLException {
      PreparedStatement statement = connection.prepareStatement(sql);
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      return statement;
    }
  }
}
