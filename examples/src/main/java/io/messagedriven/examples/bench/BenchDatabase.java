package io.messagedriven.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Raw SQL for the benchmarks: filling the outbox fast, resetting it, and the baselines that show
 * the least work any outbox must do. Uses JDBC on purpose: it is the yardstick.
 */
final class BenchDatabase implements AutoCloseable {
  private final HikariDataSource pool;

  BenchDatabase(String jdbcUrl, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("bench-baseline");
    this.pool = new HikariDataSource(config);
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** A tenant for the benchmark's events; returns its id. */
  UUID createTenant() throws SQLException {
    UUID id = UUID.randomUUID();
    try (Connection c = connection();
        PreparedStatement insert = c.prepareStatement(
            "insert into message_driven.tenants (id, slug, name, created_at) values (?, ?, 'Bench', now())")) {
      insert.setObject(1, id);
      insert.setString(2, "bench-" + id.toString().substring(0, 8));
      insert.executeUpdate();
    }
    return id;
  }

  /** Empties the outbox and the users. */
  void clear() throws SQLException {
    execute("truncate message_driven.events, message_driven.users");
  }

  /** Appends {@code count} pending events of {@code tenant}, one aggregate each, in one statement. */
  void fill(UUID tenant, int count) throws SQLException {
    try (Connection c = connection();
        PreparedStatement insert = c.prepareStatement("""
            insert into message_driven.events (id, tenant_id, aggregate_type, aggregate_id, name, payload, occurred_at)
            select gen_random_uuid(), ?, 'User', g::text, 'User.created',
                   json_build_object('userId', g, 'email', 'user' || g || '@example.com'), now()
            from generate_series(1, ?) g""")) {
      insert.setObject(1, tenant);
      insert.setInt(2, count);
      insert.executeUpdate();
    }
    execute("vacuum analyze message_driven.events");
  }

  long count(String where) throws SQLException {
    try (Connection c = connection();
        Statement statement = c.createStatement();
        var rs = statement.executeQuery("select count(*) from message_driven.events where " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The raw-SQL ceiling of a drain: one statement per batch that takes pending rows with {@code
   * FOR UPDATE SKIP LOCKED} and marks them published, until none is left. Returns rows marked.
   */
  long drainWithRawSql(int batch) throws SQLException {
    long total = 0;
    try (Connection c = connection();
        PreparedStatement publish = c.prepareStatement("""
            with picked as (
              select ctid as row_id from message_driven.events
              where published_at is null and failed_at is null
              limit ? for update skip locked)
            update message_driven.events e set status = 'PUBLISHED', published_at = now()
            from picked where e.ctid = picked.row_id""")) {
      publish.setInt(1, batch);
      int marked;
      do {
        marked = publish.executeUpdate();
        total += marked;
      } while (marked > 0);
    }
    return total;
  }

  /** The write baseline: a user row and an event row in one transaction, with plain JDBC. */
  void insertUserAndEvent(UUID tenant, String email) throws SQLException {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      UUID user = UUID.randomUUID();
      try (PreparedStatement users = c.prepareStatement(
              "insert into message_driven.users (id, tenant_id, email, name, created_at) values (?, ?, ?, 'Raw', now())");
          PreparedStatement events = c.prepareStatement("""
              insert into message_driven.events (id, tenant_id, aggregate_type, aggregate_id, name, payload, headers, occurred_at)
              values (?, ?, 'User', ?, 'User.created', cast(? as json), cast('{}' as json), now())""")) {
        users.setObject(1, user);
        users.setObject(2, tenant);
        users.setString(3, email);
        users.executeUpdate();
        events.setObject(1, UUID.randomUUID());
        events.setObject(2, tenant);
        events.setString(3, user.toString());
        events.setString(4, "{\"userId\":\"" + user + "\",\"email\":\"" + email + "\"}");
        events.executeUpdate();
      }
      c.commit();
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection c = connection(); Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
