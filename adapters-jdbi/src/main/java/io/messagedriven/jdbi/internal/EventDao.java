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
   * expired, the oldest first, skipping rows other publishers hold locked, and only the head of
   * each aggregate: no earlier event of the aggregate is unfinished (pending, in flight, or, when
   * {@code failedHolds}, failed).
   */
  @SqlQuery(
      """
      with due as (
        select e.position
        from events e
        where e.published_at is null and e.failed_at is null
          and e.next_attempt_at <= now()
          and not exists (
            select 1 from events earlier
            where earlier.tenant_id = e.tenant_id
              and earlier.aggregate_type = e.aggregate_type
              and earlier.aggregate_id = e.aggregate_id
              and earlier.position < e.position
              and earlier.published_at is null
              and (earlier.failed_at is null or :failedHolds))
        order by e.position
        limit :limit
        for update of e skip locked
      )
      update events e
      set status = 'IN_FLIGHT',
          attempts = e.attempts + 1,
          lease_owner = :owner,
          lease_token = gen_random_uuid(),
          lease_until = now() + :leaseMillis * interval '1 millisecond',
          next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
      from due
      where e.position = due.position
      returning e.id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.name, e.payload::text as payload,
                e.headers::text as headers, e.occurred_at, e.attempts, e.lease_token
      """)
  @UseRowMapper(ClaimedEventMapper.class)
  List<io.messagedriven.application.port.ClaimedEvent> claim(
      @Bind("owner") String owner,
      @Bind("limit") int limit,
      @Bind("leaseMillis") long leaseMillis,
      @Bind("failedHolds") boolean failedHoldsAggregate);

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
}
