package io.messagedriven.jdbi.internal;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** SQL of the outbox table. */
interface EventDao {

  @SqlBatch(
      "insert into events (id, tenant_id, aggregate_type, aggregate_id, name, payload, headers, occurred_at) "
          + "values (:id, :tenantId, :aggregateType, :aggregateId, :name, cast(:payload as json), "
          + "cast(:headers as json), :occurredAt)")
  void insert(@BindMethods List<EventRow> rows);

  /**
   * Claims due events: pending ones whose next attempt has come and in-flight ones whose lease
   * expired, skipping rows other publishers hold locked.
   *
   * <p>Fair across tenants: the tenants with unfinished events are found with a loose index scan
   * ({@code busy}), each gets an equal share of the batch, and within a tenant the oldest events
   * go first. Ordered per aggregate: only the head of each aggregate is taken, that is an event
   * with no earlier unfinished event of its aggregate (failed ones count when {@code
   * failedHolds}). That check is a correlated subquery naming {@code status} rather than {@code
   * failed_at}: it runs once per candidate, on an index that leads with the aggregate's columns,
   * whatever the table's statistics say (as an anti-join, with the statistics of a freshly filled
   * table, the planner scanned every unfinished event once per candidate).
   */
  @SqlQuery(
      """
      with recursive busy(tenant_id) as (
        (select tenant_id from events
         where published_at is null and failed_at is null
         order by tenant_id limit 1)
        union all
        select (select e.tenant_id from events e
                where e.published_at is null and e.failed_at is null and e.tenant_id > busy.tenant_id
                order by e.tenant_id limit 1)
        from busy where busy.tenant_id is not null
      ),
      tenants as (select tenant_id from busy where tenant_id is not null),
      share as (select greatest(1, ceil(:limit::numeric / greatest(count(*), 1)))::int as per_tenant from tenants),
      due as (
        select picked.row_id
        from tenants cross join share
        cross join lateral (
          select e.ctid as row_id
          from events e
          where e.tenant_id = tenants.tenant_id
            and e.published_at is null and e.failed_at is null
            and e.next_attempt_at <= now()
            and e.id <> all (:skip)
            and (select 1 from events earlier
                 where earlier.tenant_id = e.tenant_id
                   and earlier.aggregate_type = e.aggregate_type
                   and earlier.aggregate_id = e.aggregate_id
                   and earlier.position < e.position
                   and earlier.published_at is null
                   and (earlier.status <> 'FAILED' or :failedHolds)
                 limit 1) is null
          order by e.position
          limit share.per_tenant
          for update of e skip locked
        ) picked
        limit :limit
      )
      update events e
      set status = 'IN_FLIGHT',
          attempts = e.attempts + 1,
          lease_owner = :owner,
          lease_token = gen_random_uuid(),
          lease_until = now() + :leaseMillis * interval '1 millisecond',
          next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
      where e.ctid = any (array(select row_id from due))
      returning e.id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.name, e.payload::text as payload,
                e.headers::text as headers, e.occurred_at, e.attempts, e.lease_token
      """)
  @UseRowMapper(ClaimedEventMapper.class)
  List<io.messagedriven.application.port.ClaimedEvent> claim(
      @Bind("owner") String owner,
      @Bind("limit") int limit,
      @Bind("leaseMillis") long leaseMillis,
      @Bind("failedHolds") boolean failedHoldsAggregate,
      @Bind("skip") UUID[] skip);

  @SqlQuery(
      """
      update events e
      set status = 'PUBLISHED', published_at = now(), next_attempt_at = now(),
          lease_owner = null, lease_token = null, lease_until = null
      from unnest(:ids, :tokens) as acked(id, token)
      where e.id = acked.id and e.lease_token = acked.token and e.status = 'IN_FLIGHT'
      returning e.id
      """)
  List<UUID> markPublished(@Bind("ids") UUID[] ids, @Bind("tokens") UUID[] tokens);

  @SqlUpdate(
      """
      update events
      set status = 'PENDING', next_attempt_at = now() + :delayMillis * interval '1 millisecond',
          lease_owner = null, lease_token = null, lease_until = null,
          last_error_class = :errorClass, last_error_message = :message, last_error_stack = :stackTrace
      where id = :id and lease_token = :token and status = 'IN_FLIGHT'
      """)
  int retryLater(
      @Bind("id") UUID id,
      @Bind("token") UUID token,
      @Bind("delayMillis") long delayMillis,
      @Bind("errorClass") String errorClass,
      @Bind("message") String message,
      @Bind("stackTrace") String stackTrace);

  @SqlUpdate(
      """
      update events
      set status = 'FAILED', failed_at = now(), next_attempt_at = now(),
          lease_owner = null, lease_token = null, lease_until = null,
          last_error_class = :errorClass, last_error_message = :message, last_error_stack = :stackTrace
      where id = :id and lease_token = :token and status = 'IN_FLIGHT'
      """)
  int markFailed(
      @Bind("id") UUID id,
      @Bind("token") UUID token,
      @Bind("errorClass") String errorClass,
      @Bind("message") String message,
      @Bind("stackTrace") String stackTrace);

  @SqlUpdate(
      """
      update events e
      set status = 'PENDING', next_attempt_at = now(), attempts = greatest(e.attempts - 1, 0),
          lease_owner = null, lease_token = null, lease_until = null
      from unnest(:ids, :tokens) as released(id, token)
      where e.id = released.id and e.lease_token = released.token and e.status = 'IN_FLIGHT'
      """)
  int release(@Bind("ids") UUID[] ids, @Bind("tokens") UUID[] tokens);

  @SqlUpdate(
      """
      update events
      set status = 'PENDING', attempts = 0, next_attempt_at = now(), failed_at = null
      where id = any (:ids) and status = 'FAILED'
      """)
  int requeue(@Bind("ids") UUID[] ids);

  @SqlUpdate(
      """
      delete from events
      where ctid = any (array(
        select ctid from events
        where status = 'PUBLISHED' and published_at < now() - :olderThanMillis * interval '1 millisecond'
        order by published_at
        limit :limit
        for update skip locked))
      """)
  int purgePublished(@Bind("olderThanMillis") long olderThanMillis, @Bind("limit") int limit);
}
