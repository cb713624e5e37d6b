package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.ClaimedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The publishers' most frequent statements, in plain JDBC: the claim by id (each commit in the
 * publisher's process) and the acknowledgement. Through Jdbi each call opened a handle and set up
 * its statement machinery (copied configuration, argument and column mapper lookups, SQL
 * templates), which cost the claim thread more CPU than PostgreSQL spent running the statements;
 * the allocations it made were most of what the JVM collected under a steady load. The other,
 * rarer statements stay in {@link EventDao}.
 */
final class PublishingStatements {
  /**
   * Claims the given events that are due, as runs from the oldest unfinished event of their
   * aggregates (see {@link EventDao#claimRows}): an event is taken when no unfinished event of its
   * aggregate before it is left out (not given, not due, or held back by a failed one), and every
   * given one before it was locked by this statement too. It finds them by primary key and probes
   * each aggregate's unfinished events once: a fraction of a fair claim's cost, for the events a
   * commit in this process just appended. {@code unflushed} as in {@link EventDao#claimRows}.
   *
   * <p>It stays prepared: even the generic plan the server may settle on while the table is empty
   * looks each id up alone by primary key (a {@code limit} keeps the lookup from being merged into
   * a join) and locks each row by its address ({@code GenericPlansIT}). Written as joins, that
   * plan scanned the table for every claim (1.9 ms a claim on 35,000 rows, where it takes 0.1). A
   * row changed since the statement's snapshot is locked at its newer address and counts as not
   * locked, so the update, whatever join the planner picks, only meets rows that kept theirs.
   */
  static final String CLAIM_GIVEN = """
      with given as materialized (
        select e.row_id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.position
        from unnest(:ids) as given_id(id)
        cross join lateral ( -- by primary key, one id at a time, whatever the backlog or the statistics
          select e.ctid as row_id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.position,
                 e.published_at, e.failed_at, e.next_attempt_at
          from <schema>.events e where e.id = given_id.id limit 1
        ) e
        where e.published_at is null and e.failed_at is null and e.next_attempt_at <= now()
          and not exists (select 1 from <schema>.paused_tenants p where p.tenant_id = e.tenant_id)
      ),
      heads as materialized (
        select g.* from given g
        where not exists (
          select 1 from <schema>.events b
          where b.tenant_id = g.tenant_id and b.aggregate_type = g.aggregate_type and b.aggregate_id = g.aggregate_id
            and b.published_at is null and b.position < g.position and (b.failed_at is null or :failedHolds)
            and b.ctid <> all (array(select row_id from given))
          offset 0) -- probed per event through the aggregate's unfinished events
      ),
      locked as materialized (
        select h.*, l.locked_at from heads h -- with what kept needs of them
        cross join lateral ( -- by row address, one at a time
          select e.ctid as locked_at from <schema>.events e
          where e.ctid = h.row_id and e.published_at is null and e.failed_at is null and e.next_attempt_at <= now()
          for update of e skip locked
        ) l
      ),
      cut as (
        select tenant_id, aggregate_type, aggregate_id, min(position) as at_position
        from heads where row_id not in (select row_id from locked where locked_at = row_id)
        group by tenant_id, aggregate_type, aggregate_id
      ),
      kept as (
        select l.row_id
        from locked l
        left join cut c using (tenant_id, aggregate_type, aggregate_id)
        where l.locked_at = l.row_id -- a row changed since the snapshot was locked at another address: cut there
          and (c.at_position is null or l.position < c.at_position)
      ),
      unflushed as materialized (
        select pg_catalog.set_config('synchronous_commit',
          case when :unflushed then 'off' else pg_catalog.current_setting('synchronous_commit') end, true) as set)
      update <schema>.events e
      set status = 'IN_FLIGHT',
          attempts = e.attempts + 1,
          lease_owner = :owner,
          lease_token = gen_random_uuid(),
          lease_until = now() + :leaseMillis * interval '1 millisecond',
          next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
      from kept k
      where e.ctid = k.row_id and exists (select 1 from unflushed)
      returning e.id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.name, e.payload::text as payload,
                e.headers::text as headers, e.occurred_at, e.attempts, e.lease_token, e.position, e.delivered_to
            """;

  /**
   * Marks events published and counts them in {@code published_minutes}, per tenant, in tenant
   * order (so two acknowledgements never wait on each other's rows in opposite orders). Commits
   * without waiting for the WAL flush, like the claim: an acknowledgement a server crash loses
   * leaves its events to be published again (at least once). Planned at every execution (see
   * {@link PlannedEachTime}): with the plan a connection prepared on an empty table, each
   * acknowledgement scanned the whole table (6.7 ms on 35,000 rows, where it takes 0.25).
   */
  static final String MARK_PUBLISHED = """
      with unflushed as materialized (
        select pg_catalog.set_config('synchronous_commit',
          case when :unflushed then 'off' else pg_catalog.current_setting('synchronous_commit') end, true) as set),
      acked as (
        update <schema>.events e
        set status = 'PUBLISHED', published_at = now(), next_attempt_at = now(),
            lease_owner = null, lease_token = null, lease_until = null,
            last_error_class = null, last_error_message = null, last_error_stack = null, last_error_cause = null
        from unnest(:ids, :tokens) as acked(id, token)
        where e.id = acked.id and e.lease_token = acked.token and e.status = 'IN_FLIGHT'
          and exists (select 1 from unflushed)
        returning e.id, e.tenant_id
      ),
      counted as (
        insert into <schema>.published_minutes as m (minute, tenant_id, published)
        select date_trunc('minute', now()), tenant_id, count(*) from acked group by tenant_id order by tenant_id
        on conflict (minute, tenant_id) do update set published = m.published + excluded.published
      )
      select id from acked
            """;

  private static final ClaimedEventMapper CLAIMED = new ClaimedEventMapper();
  private static final Map<String, PublishingStatements> BY_SCHEMA = new ConcurrentHashMap<>();

  private final Named claimGiven;
  private final Named markPublished;

  /** The statements on the outbox in {@code schema} (as SQL names it), made once per schema. */
  static PublishingStatements of(String schema) {
    return BY_SCHEMA.computeIfAbsent(schema, PublishingStatements::new);
  }

  private PublishingStatements(String schema) {
    this.claimGiven = new Named(CLAIM_GIVEN.replace("<schema>", schema));
    this.markPublished = new Named(MARK_PUBLISHED.replace("<schema>", schema));
  }

  /** See {@link #CLAIM_GIVEN}; the rows in no particular order. */
  List<ClaimedEvent> claimGiven(Connection connection, String owner, UUID[] ids, long leaseMillis,
      boolean failedHolds, boolean unflushed) throws SQLException {
    try (PreparedStatement statement = claimGiven.prepare(connection, Map.of("owner", owner,
        "ids", connection.createArrayOf("uuid", ids), "leaseMillis", leaseMillis, "failedHolds", failedHolds,
        "unflushed", unflushed))) {
      try (ResultSet rows = statement.executeQuery()) {
        List<ClaimedEvent> claimed = new ArrayList<>(ids.length);
        while (rows.next()) {
          claimed.add(CLAIMED.map(rows, null));
        }
        return claimed;
      }
    }
  }

  /** See {@link #MARK_PUBLISHED}; returns the ids it marked (those still leased under their token). */
  List<UUID> markPublished(Connection connection, UUID[] ids, UUID[] tokens, boolean unflushed) throws SQLException {
    try (PreparedStatement statement = markPublished.prepare(connection, Map.of(
        "ids", connection.createArrayOf("uuid", ids), "tokens", connection.createArrayOf("uuid", tokens),
        "unflushed", unflushed))) {
      PlannedEachTime.Factory.unprepared(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<UUID> marked = new ArrayList<>(ids.length);
        while (rows.next()) {
          marked.add(rows.getObject(1, UUID.class));
        }
        return marked;
      }
    }
  }

  /**
   * SQL with {@code :name} parameters, as the statements in {@link EventDao} are written, turned
   * into JDBC's positional ones once. A name may appear more than once; {@code ::} casts are not
   * parameters. The statements here have no colon inside a string literal.
   */
  static final class Named {
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)");
    private final String sql;
    private final List<String> names = new ArrayList<>();

    Named(String named) {
      Matcher parameters = PARAMETER.matcher(named);
      StringBuilder positional = new StringBuilder(named.length());
      while (parameters.find()) {
        names.add(parameters.group(1));
        parameters.appendReplacement(positional, "?");
      }
      parameters.appendTail(positional);
      this.sql = positional.toString();
    }

    /** The statement prepared on {@code connection} with every parameter bound from {@code values}. */
    PreparedStatement prepare(Connection connection, Map<String, Object> values) throws SQLException {
      PreparedStatement statement = connection.prepareStatement(sql);
      try {
        for (int i = 0; i < names.size(); i++) {
          Object value = values.get(names.get(i));
          if (value == null) {
            throw new IllegalArgumentException("no value for :" + names.get(i));
          }
          statement.setObject(i + 1, value);
        }
        return statement;
      } catch (SQLException | RuntimeException e) {
        statement.close();
        throw e;
      }
    }

    /** The positional SQL (for tests). */
    String sql() {
      return sql;
    }
  }
}
