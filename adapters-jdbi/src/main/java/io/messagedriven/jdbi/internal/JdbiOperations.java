package io.messagedriven.jdbi.internal;

import io.messagedriven.application.operations.port.Batch;
import io.messagedriven.application.operations.port.CauseGroup;
import io.messagedriven.application.operations.port.EventDetail;
import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.application.operations.port.EventSummary;
import io.messagedriven.application.operations.port.HeldAggregate;
import io.messagedriven.application.operations.port.MinuteCount;
import io.messagedriven.application.operations.port.OperationsPort;
import io.messagedriven.application.operations.port.PausedTenant;
import io.messagedriven.application.operations.port.PublisherRow;
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The operations port on the outbox's tables, on the cross-tenant path the publishers use. Reads
 * are single statements on the partial indexes of 020-tables and 080-operations; changes run in
 * one short transaction per batch, locking the aggregates' unfinished events first, as {@link
 * EventDao#requeue} does.
 */
public final class JdbiOperations implements OperationsPort {
  private static final String TENANT = "tenant_id = :tenant";
  private final Jdbi jdbi;

  JdbiOperations(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Reads run in a transaction too, for {@code set local}: JIT compiling a read costs more than running it. */
  private <R> R read(Function<Handle, R> work) {
    return write(work);
  }

  private <R> R write(Function<Handle, R> work) {
    try {
      return jdbi.inTransaction(handle -> {
        handle.execute("set local jit = off");
        return work.apply(handle);
      });
    } catch (RuntimeException e) {
      throw StoreFailures.translate("operations", e);
    }
  }

  /** {@code and tenant_id = :tenant} on {@code alias}, or nothing for every tenant. */
  private static String ofTenant(String alias, TenantId tenant) {
    return tenant == null ? "" : " and " + alias + "." + TENANT;
  }

  private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindTenant(S statement, TenantId tenant) {
    return tenant == null ? statement : statement.bind("tenant", tenant.value());
  }

  @Override
  public Optional<Tenant> tenant(TenantId id) {
    return read(h -> h.attach(TenantDao.class).findById(id.value()));
  }

  @Override
  public Optional<Tenant> tenantBySlug(String slug) {
    return read(h -> h.attach(TenantDao.class).findBySlug(slug));
  }

  @Override
  public List<TenantCounts> counts(TenantId tenant) {
    String sql = """
        with unfinished as (
          select e.tenant_id,
                 count(*) filter (where e.status = 'PENDING') as pending,
                 count(*) filter (where e.status = 'IN_FLIGHT') as in_flight,
                 min(e.next_attempt_at) filter (where e.status = 'PENDING' and e.next_attempt_at <= now()) as oldest_due
          from <schema>.events e where e.published_at is null and e.failed_at is null %1$s group by e.tenant_id),
        failed as (
          select e.tenant_id, count(*) as failed from <schema>.events e where e.failed_at is not null %1$s group by e.tenant_id),
        published as (
          select e.tenant_id, count(*) as published from <schema>.events e where e.published_at is not null %1$s
          group by e.tenant_id),
        paused as (select e.tenant_id from <schema>.paused_tenants e where true %1$s),
        ids as (select tenant_id from unfinished union select tenant_id from failed
                union select tenant_id from published union select tenant_id from paused)
        select t.id as tenant_id, t.slug, coalesce(u.pending, 0) as pending, coalesce(u.in_flight, 0) as in_flight,
               coalesce(p.published, 0) as published, coalesce(f.failed, 0) as failed,
               coalesce((extract(epoch from now() - u.oldest_due) * 1000)::bigint, 0) as lag_ms,
               exists (select 1 from <schema>.paused_tenants z where z.tenant_id = t.id) as paused
        from ids join <schema>.tenants t on t.id = ids.tenant_id
        left join unfinished u on u.tenant_id = t.id
        left join failed f on f.tenant_id = t.id
        left join published p on p.tenant_id = t.id
        order by t.slug
        """.formatted(ofTenant("e", tenant));
    return read(h -> bindTenant(h.createQuery(sql), tenant).map((rs, ctx) -> OperationsMappers.counts(rs)).list());
  }

  @Override
  public List<MinuteCount> publishedPerMinute(TenantId tenant, Duration window) {
    String sql = """
        select e.minute, sum(e.published) as published from <schema>.published_minutes e
        where e.minute >= date_trunc('minute', now() - :windowMillis * interval '1 millisecond') %s
        group by e.minute order by e.minute
        """.formatted(ofTenant("e", tenant));
    return read(h -> bindTenant(h.createQuery(sql), tenant).bind("windowMillis", window.toMillis())
        .map((rs, ctx) -> new MinuteCount(OperationsMappers.instant(rs, "minute"), rs.getLong("published"))).list());
  }

  /**
   * Groups are counted on {@code events_failed_cause} alone; each group's class and message shape
   * come from its latest example, one row per group.
   */
  @Override
  public List<CauseGroup> causes(TenantId tenant, int limit, int examples) {
    String sql = """
        with groups as (
          select e.last_error_cause as cause, count(*) as failed, min(e.failed_at) as first_seen,
                 max(e.failed_at) as last_seen,
                 (array_agg(e.id order by e.failed_at desc, e.position desc))[1 : %d] as examples
          from <schema>.events e
          where e.failed_at is not null %s
          group by e.last_error_cause
          order by count(*) desc, e.last_error_cause
          limit :limit)
        select g.*, x.last_error_class as error_class, <schema>.failure_message_shape(x.last_error_message) as message
        from groups g cross join lateral (
          select x.last_error_class, x.last_error_message from <schema>.events x where x.id = g.examples[1]) x
        order by g.failed desc, g.cause
        """.formatted(examples, ofTenant("e", tenant));
    return read(h -> bindTenant(h.createQuery(sql), tenant).bind("limit", limit)
        .map((rs, ctx) -> OperationsMappers.cause(rs)).list());
  }

  /**
   * The candidates (failed events, and unfinished ones with an error) are few and read on their
   * partial indexes, sorted once; the head check is a correlated subquery run on them in that
   * order only until {@code limit} heads are found (a {@code not exists} would become an
   * anti-join over every candidate). A scan of a materialized CTE returns its rows in the order
   * they were stored, so the heads come out oldest first without a second sort.
   */
  @Override
  public List<HeldAggregate> heldBack(TenantId tenant, int limit) {
    String sql = """
        with candidates as materialized (
          (select e.position, e.id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.name, e.status, e.attempts,
                  e.last_error_class, e.last_error_message, e.occurred_at
           from <schema>.events e where e.failed_at is not null %1$s)
          union all
          (select e.position, e.id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.name, e.status, e.attempts,
                  e.last_error_class, e.last_error_message, e.occurred_at
           from <schema>.events e
           where e.published_at is null and e.failed_at is null and e.last_error_class is not null %1$s)
          order by position)
        select h.*,
               (select count(*) from <schema>.events w
                where w.tenant_id = h.tenant_id and w.aggregate_type = h.aggregate_type
                  and w.aggregate_id = h.aggregate_id and w.published_at is null and w.position > h.position) as waiting
        from candidates h
        where (select 1 from <schema>.events earlier
               where earlier.tenant_id = h.tenant_id and earlier.aggregate_type = h.aggregate_type
                 and earlier.aggregate_id = h.aggregate_id and earlier.position < h.position
                 and earlier.published_at is null
               limit 1) is null
        limit :limit
        """.formatted(ofTenant("e", tenant));
    return read(h -> bindTenant(h.createQuery(sql), tenant).bind("limit", limit)
        .map((rs, ctx) -> OperationsMappers.held(rs)).list());
  }

  private static final String SUMMARY_COLUMNS = """
      e.position, e.id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.name, e.status, e.attempts, e.occurred_at,
      e.next_attempt_at, e.published_at, e.failed_at, e.last_error_class, e.last_error_message, e.last_error_cause""";

  @Override
  public List<EventSummary> events(EventFilter filter, long beforePosition, int limit) {
    EventFilterSql where = new EventFilterSql(filter);
    String sql = "select " + SUMMARY_COLUMNS + " from <schema>.events e where " + where.where()
        + " and e.position < :before order by e.position desc limit :limit";
    return read(h -> where.bind(h.createQuery(sql)).bind("before", beforePosition).bind("limit", limit)
        .map((rs, ctx) -> OperationsMappers.summary(rs)).list());
  }

  @Override
  public Optional<EventDetail> event(EventId id) {
    String sql = """
        select e.position, e.id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.name, e.payload::text as payload,
               e.headers::text as headers, e.occurred_at, e.status, e.attempts, e.next_attempt_at,
               e.last_error_class, e.last_error_message, e.last_error_stack, e.published_at, e.failed_at,
               e.delivered_to, e.created_at, e.lease_owner, e.last_error_cause, t.slug
        from <schema>.events e join <schema>.tenants t on t.id = e.tenant_id
        where e.id = :id
        """;
    EventHistoryDao.Mapper records = new EventHistoryDao.Mapper();
    return read(h -> h.createQuery(sql).bind("id", id.value()).map((rs, ctx) -> {
      EventStatus status = EventStatus.valueOf(rs.getString("status"));
      return new EventDetail(records.map(rs, ctx), rs.getString("slug"), OperationsMappers.instant(rs, "created_at"),
          status == EventStatus.IN_FLIGHT ? rs.getString("lease_owner") : null,
          status == EventStatus.FAILED ? rs.getString("last_error_cause") : null);
    }).findOne());
  }

  @Override
  public Batch requeue(Collection<EventId> ids) {
    return write(h -> OperationsChanges.requeue(h, uuids(ids)));
  }

  @Override
  public Batch requeue(EventFilter filter, long afterPosition, int limit) {
    return write(h -> OperationsChanges.inBatch(h, filter.withStatus(EventStatus.FAILED), afterPosition, limit,
        OperationsChanges::requeueUnlessInFlight));
  }

  @Override
  public Batch delete(Collection<EventId> ids) {
    return write(h -> OperationsChanges.delete(h, uuids(ids)));
  }

  @Override
  public Batch delete(EventFilter filter, long afterPosition, int limit) {
    return write(h -> OperationsChanges.inBatch(h, filter, afterPosition, limit, OperationsChanges::deleteUnlessInFlight));
  }

  @Override
  public int purgePublished(Duration olderThan, int limit) {
    return write(h -> h.attach(EventDao.class).purgePublished(olderThan.toMillis(), limit));
  }

  @Override
  public boolean pause(TenantId tenant, String reason) {
    return write(h -> h.createUpdate("""
        insert into <schema>.paused_tenants (tenant_id, reason) values (:tenant, :reason) on conflict (tenant_id) do nothing
        """).bind("tenant", tenant.value()).bind("reason", reason == null ? "" : reason).execute() == 1);
  }

  @Override
  public boolean resume(TenantId tenant) {
    return write(h -> {
      boolean resumed = h.createUpdate("delete from <schema>.paused_tenants where tenant_id = :tenant")
          .bind("tenant", tenant.value()).execute() == 1;
      OperationsChanges.wakePublishers(h, resumed ? 1 : 0);
      return resumed;
    });
  }

  @Override
  public List<PausedTenant> paused() {
    return read(h -> h.createQuery("""
        select p.tenant_id, t.slug, p.paused_at, p.reason
        from <schema>.paused_tenants p join <schema>.tenants t on t.id = p.tenant_id
        order by p.paused_at, t.slug
        """).map((rs, ctx) -> OperationsMappers.paused(rs)).list());
  }

  @Override
  public List<PublisherRow> publishers() {
    return read(h -> h.createQuery("""
        select owner, host, started_at, last_seen_at, in_flight, stopped_at,
               (extract(epoch from now() - last_seen_at) * 1000)::bigint as since_ms
        from <schema>.publishers order by last_seen_at desc, owner
        """).map((rs, ctx) -> OperationsMappers.publisher(rs)).list());
  }

  private static UUID[] uuids(Collection<EventId> ids) {
    return ids.stream().map(EventId::value).toArray(UUID[]::new);
  }
}
