package io.messagedriven.publisher;

import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** A fresh database with the outbox and users schemas, and SQL shortcuts for publisher tests. */
final class OutboxFixture implements AutoCloseable {
  final String url;
  final PostgresStore store;
  final Jdbi sql;

  OutboxFixture() {
    url = TestDatabase.freshUrl();
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).maximumPoolSize(12).build();
    sql = Jdbi.create(url);
  }

  UUID tenant(String slug) {
    UUID id = UUID.randomUUID();
    sql.useHandle(h -> h.createUpdate("insert into message_driven.tenants (id, slug, name, created_at) values (:id, :slug, :slug, now())")
        .bind("id", id).bind("slug", slug).execute());
    return id;
  }

  /**
   * Appends {@code aggregates * perAggregate} pending events of {@code tenant}, written aggregate
   * by aggregate in rounds: round r holds event r of every aggregate, so write order interleaves
   * aggregates. Payloads are {@code {"aggregate": a, "seq": r}}.
   */
  void append(UUID tenant, int aggregates, int perAggregate) {
    sql.useHandle(h -> h.createUpdate("""
            insert into message_driven.events (id, tenant_id, aggregate_type, aggregate_id, name, payload, occurred_at)
            select gen_random_uuid(), :tenant, 'User', 'agg-' || a, 'User.created',
                   json_build_object('aggregate', 'agg-' || a, 'seq', r), now()
            from generate_series(1, :per) r, generate_series(1, :aggregates) a
            order by r, a""")
        .bind("tenant", tenant).bind("aggregates", aggregates).bind("per", perAggregate).execute());
  }

  /** How many events are in each status. */
  Map<String, Long> statuses() {
    return sql.withHandle(h -> h.createQuery("select status, count(*) as n from message_driven.events group by status")
        .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  long count(String where) {
    return sql.withHandle(h -> h.createQuery("select count(*) from message_driven.events where " + where).mapTo(Long.class).one());
  }

  Map<String, Object> row(String id) {
    return sql.withHandle(h -> h.createQuery("select * from message_driven.events where id = cast(:id as uuid)").bind("id", id).mapToMap().one());
  }

  @Override
  public void close() {
    store.close();
  }
}
