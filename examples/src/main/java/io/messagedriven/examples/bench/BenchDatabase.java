package io.messagedriven.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

  /** {@code count} tenants for the benchmark's events, made in one statement; returns their ids. */
  UUID[] createTenants(int count) throws SQLException {
    UUID[] ids = new UUID[count];
    for (int i = 0; i < count; i++) {
      ids[i] = UUID.randomUUID();
    }
    try (Connection c = connection();
        PreparedStatement insert = c.prepareStatement("""
            insert into message_driven.tenants (id, slug, name, created_at)
            select id, 'bench-' || left(id::text, 13), 'Bench', now() from unnest(?::uuid[]) id""")) {
      insert.setArray(1, c.createArrayOf("uuid", ids));
      insert.executeUpdate();
    }
    return ids;
  }

  /** Empties the outbox and the users. */
  void clear() throws SQLException {
    execute("truncate message_driven.events, message_driven.users");
  }

  /** Appends {@code count} pending events of {@code tenant}, one aggregate each, in one statement. */
  void fill(UUID tenant, int count) throws SQLException {
    fill(new UUID[] {tenant}, count, 0);
  }

  /**
   * Appends {@code count} pending events in one statement, in write order dealt round the
   * tenants (event g to tenant g mod T), then vacuums and analyzes, as a backlog that waited.
   *
   * @param aggregates aggregates per tenant the events are dealt round (event g to aggregate g
   *     mod A), or 0 for one aggregate per event
   */
  void fill(UUID[] tenants, int count, int aggregates) throws SQLException {
    insert(tenants, count, aggregates);
    execute("vacuum analyze message_driven.events");
  }

  /** Appends {@code count} pending events as {@link #fill} does, without vacuuming: new work arriving. */
  void insert(UUID[] tenants, int count, int aggregates) throws SQLException {
    try (Connection c = connection();
        PreparedStatement insert = c.prepareStatement("""
            insert into message_driven.events (id, tenant_id, aggregate_type, aggregate_id, name, payload, occurred_at)
            select gen_random_uuid(), t.ids[1 + g % cardinality(t.ids)], 'User',
                   case when ? = 0 then g::text else (g / cardinality(t.ids) % ?)::text end, 'User.created',
                   json_build_object('userId', g, 'email', 'user' || g || '@example.com'), now()
            from generate_series(1, ?) g, (select ?::uuid[] as ids) t
            order by g""")) {
      insert.setInt(1, aggregates);
      insert.setInt(2, Math.max(aggregates, 1));
      insert.setInt(3, count);
      insert.setArray(4, c.createArrayOf("uuid", tenants));
      insert.executeUpdate();
    }
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
   * The one-pass FIFO ceiling of a drain: one statement per batch that takes the oldest pending
   * rows in write order with {@code FOR UPDATE SKIP LOCKED} and marks them published, until none
   * is left. No lease, no acknowledgement, no per-aggregate order: the least work any consumer of
   * the table must do. Returns rows marked.
   */
  long drainOnePass(int batch) throws SQLException {
    long total = 0;
    try (Connection c = connection();
        PreparedStatement publish = c.prepareStatement("""
            with picked as (
              select ctid as row_id from message_driven.events
              where published_at is null and failed_at is null
              order by tenant_id, position
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

  /**
   * The protocol ceiling of a drain, for one tenant's backlog: what a publisher must do, in raw
   * SQL on one connection. Each round claims a batch in write order with {@code FOR UPDATE SKIP
   * LOCKED}, leasing each row under a new token and taking only events with no earlier unfinished
   * event of their aggregate, then acknowledges them by id and token. It leaves out what the
   * library adds on top: fairness across tenants, runs of deep aggregates, retries, paused
   * tenants, the throughput counters, and handing events to threads. Returns rows published.
   */
  long drainProtocol(UUID tenant, int batch) throws SQLException {
    long total = 0;
    try (Connection c = connection();
        PreparedStatement claim = c.prepareStatement("""
            with picked as (
              select e.ctid as row_id from message_driven.events e
              where e.tenant_id = ? and e.published_at is null and e.failed_at is null and e.next_attempt_at <= now()
                and not exists (
                  select 1 from message_driven.events earlier
                  where earlier.tenant_id = e.tenant_id and earlier.aggregate_type = e.aggregate_type
                    and earlier.aggregate_id = e.aggregate_id and earlier.position < e.position
                    and earlier.published_at is null)
              order by e.tenant_id, e.position
              limit ? for update skip locked)
            update message_driven.events e
            set status = 'IN_FLIGHT', attempts = e.attempts + 1, lease_owner = 'raw', lease_token = gen_random_uuid(),
                lease_until = now() + interval '30 seconds', next_attempt_at = now() + interval '30 seconds'
            from picked where e.ctid = picked.row_id
            returning e.id, e.lease_token""");
        PreparedStatement ack = c.prepareStatement("""
            update message_driven.events e
            set status = 'PUBLISHED', published_at = now(), next_attempt_at = now(),
                lease_owner = null, lease_token = null, lease_until = null
            from unnest(?::uuid[], ?::uuid[]) as acked(id, token)
            where e.id = acked.id and e.lease_token = acked.token and e.status = 'IN_FLIGHT'""")) {
      claim.setObject(1, tenant);
      claim.setInt(2, batch);
      while (true) {
        List<UUID> ids = new ArrayList<>(batch);
        List<UUID> tokens = new ArrayList<>(batch);
        try (ResultSet rows = claim.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getObject(1, UUID.class));
            tokens.add(rows.getObject(2, UUID.class));
          }
        }
        if (ids.isEmpty()) {
          return total;
        }
        ack.setArray(1, c.createArrayOf("uuid", ids.toArray()));
        ack.setArray(2, c.createArrayOf("uuid", tokens.toArray()));
        total += ack.executeUpdate();
      }
    }
  }

  /**
   * Runs {@code work} with the outbox's NOTIFY trigger switched off: the write ceiling, the same
   * inserts without the wake-up. The trigger is switched on again afterwards, whatever happens.
   */
  <T> T withoutNotifyTrigger(java.util.concurrent.Callable<T> work) throws Exception {
    execute("alter table message_driven.events disable trigger events_notify_append");
    try {
      return work.call();
    } finally {
      execute("alter table message_driven.events enable trigger events_notify_append");
    }
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
