package io.messagedriven.jdbi.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.transaction.Transaction;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** SQL of the outbox table. */
interface EventDao {

  /**
   * Claims due events: pending ones whose next attempt has come and in-flight ones whose lease
   * expired, skipping rows other publishers hold locked and the ids in {@code skip}.
   *
   * <p>Fair across tenants: the tenants with due events are found with a loose index scan
   * ({@code up}, then {@code down}) that starts at a random {@code pivot} and stops after
   * {@code limit} tenants, so no tenant is always last and a claim costs the same whether 10 or
   * 10,000 tenants are busy; each found tenant gets an equal share of the batch. Tenants an
   * operator paused ({@code paused_tenants}) are passed over and not counted.
   *
   * <p>Ordered per aggregate, in runs: of each tenant the oldest due events are looked at
   * ({@code candidates}: its part of {@code window}, or twice its share if that is more, so a
   * claim reads about the same number of rows however many tenants are busy), and an aggregate's
   * candidates are claimed from its oldest unfinished event on, up to the first that cannot be
   * (in flight, backing off, named in {@code skip}, or failed when {@code failedHolds}). Since
   * the candidates are a tenant's oldest due events, every due event before one of them is a
   * candidate too, so what blocks an aggregate is among the tenant's unfinished events before
   * its last candidate that are not due ({@code waiting}: one range scan per tenant), the skipped
   * candidates, and, with {@code failedHolds}, a failed event of the aggregate (one probe per
   * aggregate of the unpublished events only). The order check never reads published history.
   * The candidates start at the tenant's first due event, which the tenant scan found, so the
   * index entries before it (in flight, backing off, or acknowledged and not yet vacuumed:
   * thousands behind several publishers or a long drain) are walked twice per claim, not three
   * times. After locking ({@code locked}), an event is kept only if every
   * candidate of its aggregate before it was locked too, so a run that another publisher locked
   * part of meanwhile is cut where its lock begins. An aggregate whose due events fill a
   * tenant's whole part of the window while its run is in flight holds back the tenant's other
   * aggregates until the run is done. The rows come back in no particular order;
   * {@link JdbiOutbox#claim} sorts them by position.
   *
   * <p>With {@code unflushed} (a claim in a transaction of its own, never in a caller's) it
   * commits without waiting for its WAL to reach the disk ({@code synchronous_commit} off for
   * this transaction only). If the database server crashes before the flush, the claim is lost:
   * the events are pending again and are handed out again, which at-least-once delivery allows.
   */
  @SqlQuery(
      """
      with recursive up(tenant_id, first_due, paused, n) as (
        (select first.tenant_id, first.position, first.paused, (not first.paused)::int
         from (select e.tenant_id, e.position,
                      exists (select 1 from <schema>.paused_tenants p where p.tenant_id = e.tenant_id) as paused
               from <schema>.events e
               where e.published_at is null and e.failed_at is null and e.next_attempt_at <= now()
                 and e.tenant_id >= :pivot
               order by e.tenant_id, e.position limit 1) first)
        union all
        select next.tenant_id, next.first_due, next.paused, up.n + (not coalesce(next.paused, true))::int
        from up cross join lateral (
          select found.tenant_id, found.first_due,
                 exists (select 1 from <schema>.paused_tenants p where p.tenant_id = found.tenant_id) as paused
          from (select 1) one left join lateral (
            select e.tenant_id, e.position as first_due from <schema>.events e
            where e.published_at is null and e.failed_at is null and e.next_attempt_at <= now()
              and e.tenant_id > up.tenant_id
            order by e.tenant_id, e.position limit 1) found on true) next
        where up.tenant_id is not null and up.n < :limit
      ),
      down(tenant_id, first_due, paused, n) as (
        (select first.tenant_id, first.position, first.paused, (not first.paused)::int
         from (select e.tenant_id, e.position,
                      exists (select 1 from <schema>.paused_tenants p where p.tenant_id = e.tenant_id) as paused
               from <schema>.events e
               where e.published_at is null and e.failed_at is null and e.next_attempt_at <= now()
                 and e.tenant_id < :pivot
               order by e.tenant_id, e.position limit 1) first)
        union all
        select next.tenant_id, next.first_due, next.paused, down.n + (not coalesce(next.paused, true))::int
        from down cross join lateral (
          select found.tenant_id, found.first_due,
                 exists (select 1 from <schema>.paused_tenants p where p.tenant_id = found.tenant_id) as paused
          from (select 1) one left join lateral (
            select e.tenant_id, e.position as first_due from <schema>.events e
            where e.published_at is null and e.failed_at is null and e.next_attempt_at <= now()
              and e.tenant_id > down.tenant_id and e.tenant_id < :pivot
            order by e.tenant_id, e.position limit 1) found on true) next
        where down.tenant_id is not null
          and down.n < :limit - (select count(*) from up where up.tenant_id is not null and not up.paused)
      ),
      busy_tenants as materialized (
        select found.tenant_id, found.first_due from (
          select tenant_id, first_due, n from up where tenant_id is not null and not paused
          union all
          select tenant_id, first_due, n + :limit from down where tenant_id is not null and not paused
        ) found
        order by found.n
        limit :limit
      ),
      share as (
        select greatest(1, ceil(:limit::numeric / greatest(count(*), 1)))::int as per_tenant,
               greatest(1, :window / greatest(count(*), 1))::int as window_per_tenant
        from busy_tenants
      ),
      candidates as materialized (
        select c.*
        from busy_tenants cross join share
        cross join lateral (
          select e.ctid as row_id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.position,
                 e.id <> all (:skip) as ready
          from <schema>.events e
          -- The tenant as a range, not an equality: with an equality the planner takes the order
          -- below for the position alone and may walk events_position through published history.
          -- Started at the tenant's first due event, which the tenant scan found: the index's
          -- entries before it (in flight, backing off, acknowledged but not yet vacuumed) are
          -- not walked again here.
          where e.tenant_id >= busy_tenants.tenant_id and e.tenant_id <= busy_tenants.tenant_id
            and e.position >= busy_tenants.first_due
            and e.published_at is null and e.failed_at is null and e.next_attempt_at <= now()
          order by e.tenant_id, e.position
          limit greatest(share.per_tenant * 2, share.window_per_tenant)
        ) c
      ),
      bounds as (
        select tenant_id, max(position) as last_position from candidates group by tenant_id
      ),
      waiting as materialized (
        select w.tenant_id, w.aggregate_type, w.aggregate_id, w.position
        from bounds cross join lateral (
          select e.tenant_id, e.aggregate_type, e.aggregate_id, e.position
          from <schema>.events e
          where e.tenant_id >= bounds.tenant_id and e.tenant_id <= bounds.tenant_id -- as above
            and e.published_at is null and e.failed_at is null
            and e.position < bounds.last_position and e.next_attempt_at > now()
          order by e.tenant_id, e.position offset 0 -- scanned per tenant, never flattened into a join
        ) w
        union all
        select tenant_id, aggregate_type, aggregate_id, position from candidates where not ready
        union all
        select f.tenant_id, f.aggregate_type, f.aggregate_id, f.position
        from (select tenant_id, aggregate_type, aggregate_id, max(position) as last_position
              from candidates group by tenant_id, aggregate_type, aggregate_id) r
        cross join lateral (
          select e.tenant_id, e.aggregate_type, e.aggregate_id, e.position
          from <schema>.events e
          where e.tenant_id = r.tenant_id and e.aggregate_type = r.aggregate_type
            and e.aggregate_id = r.aggregate_id and e.published_at is null and e.failed_at is not null
            and e.position < r.last_position
          order by e.position limit 1
        ) f
        where :failedHolds
      ),
      blocked as (
        select tenant_id, aggregate_type, aggregate_id, min(position) as from_position
        from waiting group by tenant_id, aggregate_type, aggregate_id
      ),
      picked as materialized (
        select ranked.* from (
          select c.row_id, c.tenant_id, c.aggregate_type, c.aggregate_id, c.position,
                 row_number() over (partition by c.tenant_id order by c.position) as nth
          from candidates c left join blocked b using (tenant_id, aggregate_type, aggregate_id)
          where c.ready and (b.from_position is null or c.position < b.from_position)
        ) ranked cross join share
        where ranked.nth <= share.per_tenant
        order by ranked.nth, ranked.position
        limit :limit
      ),
      locked as materialized (
        select p.*, l.locked_at from picked p -- with what kept needs of them
        cross join lateral ( -- by row address, one at a time
          select e.ctid as locked_at from <schema>.events e
          where e.ctid = p.row_id and e.published_at is null and e.failed_at is null and e.next_attempt_at <= now()
          for update of e skip locked
        ) l
      ),
      cut as (
        select tenant_id, aggregate_type, aggregate_id, min(position) as at_position
        from picked where row_id not in (select row_id from locked where locked_at = row_id)
        group by tenant_id, aggregate_type, aggregate_id
      ),
      unflushed as materialized (
        select pg_catalog.set_config('synchronous_commit',
          case when :unflushed then 'off' else pg_catalog.current_setting('synchronous_commit') end, true) as set),
      kept as (
        select l.row_id
        from locked l
        left join cut c using (tenant_id, aggregate_type, aggregate_id)
        where l.locked_at = l.row_id -- a row changed since the snapshot was locked at another address: cut there
          and (c.at_position is null or l.position < c.at_position)
      )
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
      """)
  @UseRowMapper(ClaimedEventMapper.class)
  List<io.messagedriven.application.port.ClaimedEvent> claimRows(
      @Bind("owner") String owner,
      @Bind("limit") int limit,
      @Bind("leaseMillis") long leaseMillis,
      @Bind("failedHolds") boolean failedHoldsAggregate,
      @Bind("skip") UUID[] skip,
      @Bind("pivot") UUID pivot,
      @Bind("window") int window,
      @Bind("unflushed") boolean unflushed);

  @SqlUpdate(
      """
      update <schema>.events
      set status = 'PENDING', next_attempt_at = now() + :delayMillis * interval '1 millisecond',
          lease_owner = null, lease_token = null, lease_until = null,
          last_error_class = :errorClass, last_error_message = :message, last_error_stack = :stackTrace,
          delivered_to = :delivered
      where id = :id and lease_token = :token and status = 'IN_FLIGHT'
      """)
  int retryLater(
      @Bind("id") UUID id,
      @Bind("token") UUID token,
      @Bind("delivered") String[] delivered,
      @Bind("delayMillis") long delayMillis,
      @Bind("errorClass") String errorClass,
      @Bind("message") String message,
      @Bind("stackTrace") String stackTrace);

  @SqlUpdate(
      """
      update <schema>.events
      set status = 'FAILED', failed_at = now(), next_attempt_at = now(),
          lease_owner = null, lease_token = null, lease_until = null,
          last_error_class = :errorClass, last_error_message = :message, last_error_stack = :stackTrace,
          last_error_cause = <schema>.failure_cause(:errorClass, :message),
          delivered_to = :delivered
      where id = :id and lease_token = :token and status = 'IN_FLIGHT'
      """)
  int markFailed(
      @Bind("id") UUID id,
      @Bind("token") UUID token,
      @Bind("delivered") String[] delivered,
      @Bind("errorClass") String errorClass,
      @Bind("message") String message,
      @Bind("stackTrace") String stackTrace);

  @PlannedEachTime // joins ids to the table, as PublishingStatements' acknowledgement
  @SqlUpdate(
      """
      update <schema>.events e
      set status = 'PENDING', next_attempt_at = now(), attempts = greatest(e.attempts - 1, 0),
          lease_owner = null, lease_token = null, lease_until = null
      from unnest(:ids, :tokens) as released(id, token)
      where e.id = released.id and e.lease_token = released.token and e.status = 'IN_FLIGHT'
      """)
  int release(@Bind("ids") UUID[] ids, @Bind("tokens") UUID[] tokens);

  /** Records the targets that have an event still leased under {@code token}, before it is released. */
  @SqlUpdate(
      """
      update <schema>.events set delivered_to = :delivered
      where id = :id and lease_token = :token and status = 'IN_FLIGHT'
      """)
  int recordDelivered(@Bind("id") UUID id, @Bind("token") UUID token, @Bind("delivered") String[] delivered);

  /**
   * What a fair claim asks for (the arguments of {@link #claimRows}); with {@code jitOff}, JIT
   * compilation is turned off first: the claim's estimated cost can pass {@code jit_above_cost}
   * (PostgreSQL's JIT is on by default), and compiling it then took about 280 ms, against a few
   * milliseconds to run it. (The publishers' own pool turns it off for the session.)
   */
  record FairClaim(String owner, int limit, long leaseMillis, boolean failedHoldsAggregate, UUID[] skip, UUID pivot,
      int window, boolean unflushed, boolean jitOff) {}

  /**
   * Claims (see {@link #claimRows}) in this claim's turn, waiting for it in the database at most
   * {@code wait} (such as {@code "500ms"}): a waiting publisher spends no CPU and takes the turn
   * the moment the claim before it commits (see {@link #awaitClaimTurn}, which also turns bitmap
   * scans off for the rest of the transaction). Returns null, claiming nothing, when the turn was
   * tried without waiting (not READ COMMITTED) and was not free.
   *
   * <p>Claims take turns (an advisory transaction lock, taken before the claim's statement, so the
   * statement's snapshot sees what the claim before it took). Publishers that claimed at the same
   * moment used to compute the same oldest events, and all but one found them locked and came back
   * with little or nothing: work the database did for nothing, which made two publishers slower
   * than one. Handlers and acknowledgements still run side by side.
   *
   * <p>Call it in a transaction of its own: the turn is held until its end.
   *
   * @throws org.jdbi.v3.core.JdbiException with SQLSTATE 55P03 (lock_not_available) in its
   *     causes when the wait ran out; the transaction is then aborted
   */
  default List<io.messagedriven.application.port.ClaimedEvent> claimWaitingForTurn(
      FairClaim claim, String table, String wait) {
    return awaitClaimTurn(table, wait) ? claimInTakenTurn(claim) : null;
  }

  /**
   * Claims in this claim's turn (see {@link #claimWaitingForTurn}) if it is free, without
   * waiting: for a claim in a caller's transaction, which a lock timeout would abort. Returns
   * null, claiming nothing, when the turn was taken.
   */
  default List<io.messagedriven.application.port.ClaimedEvent> claimIfTurnFree(FairClaim claim, String table) {
    return takeClaimTurn(table) ? claimInTakenTurn(claim) : null;
  }

  /** The claim itself, once its turn is held. */
  default List<io.messagedriven.application.port.ClaimedEvent> claimInTakenTurn(FairClaim claim) {
    if (claim.jitOff()) {
      withoutJit();
    }
    return claimRows(claim.owner(), claim.limit(), claim.leaseMillis(), claim.failedHoldsAggregate(), claim.skip(),
        claim.pivot(), claim.window(), claim.unflushed());
  }

  /** The claims' turn, as advisory lock arguments: a key of its own, 0x6d65 and the {@code table}'s oid (see 090 for 0x6d64). */
  String CLAIM_TURN = "28005, (pg_catalog.to_regclass(:table)::oid::bigint - 2147483648)::integer";

  /** The claims' turn ({@link #CLAIM_TURN}), if free. */
  @SqlQuery("select pg_catalog.pg_try_advisory_xact_lock(" + CLAIM_TURN + ")")
  boolean takeClaimTurn(@Bind("table") String table);

  /**
   * The claims' turn (the lock of {@link #takeClaimTurn}), waited for at most {@code wait}: the
   * transaction's {@code lock_timeout} is set to it for the wait and put back once the turn is
   * taken; a wait that runs out fails the statement with lock_not_available (55P03). A {@code
   * CASE} evaluates its conditions in order and only as far as needed, which orders the three
   * steps.
   *
   * <p>It also turns bitmap scans off for the rest of the claim's transaction. With statistics
   * taken of a backlog (every event pending, thousands of tenants), the planner estimated a few
   * dozen rows per tenant and served the waiting scan of {@link #claimRows} with a bitmap scan of
   * {@code events_aggregate}, the index of every event, published history included: 38,823
   * entries and 4,980 buffers for a claim of 21 events, 10 ms instead of well under one, and
   * an out-of-band publisher's latency at 1,000 events/s went from 2 to 13-16 ms (p50). Without
   * bitmap scans the only plan left for it that needs no sort is its intended one, the ordered
   * scan of {@code events_unfinished}. The claim's other scans are ordered and limited, or by
   * address, and never were bitmap scans. (The claim stays prepared: a generic plan the server
   * keeps for it on a connection is made under the setting of the claim that made it, so a
   * connection that also serves claims in callers' transactions, which leave the setting alone,
   * may keep a plan with bitmap scans.)
   *
   * <p>Only under READ COMMITTED: a transaction of another isolation level took its snapshot
   * with this statement, before the wait, so its claim would not see what the claim before it
   * took (and would fail to serialize locking it); there the turn is tried without waiting, as
   * {@link #takeClaimTurn} does.
   */
  @SqlQuery("with was as materialized ("
      + "select pg_catalog.current_setting('lock_timeout') as lock_timeout, "
      + "pg_catalog.current_setting('transaction_isolation') = 'read committed' as may_wait, "
      + "pg_catalog.set_config('enable_bitmapscan', 'off', true) as bitmap_scans_off) "
      + "select case "
      + "when not was.may_wait then pg_catalog.pg_try_advisory_xact_lock(" + CLAIM_TURN + ") "
      + "when pg_catalog.set_config('lock_timeout', :wait, true) is null then false "
      + "when (select count(*) from pg_catalog.pg_advisory_xact_lock(" + CLAIM_TURN + ")) <> 1 then false "
      + "else pg_catalog.set_config('lock_timeout', was.lock_timeout, true) is not null "
      + "end from was")
  boolean awaitClaimTurn(@Bind("table") String table, @Bind("wait") String wait);

  @SqlUpdate("set local jit = off")
  void withoutJit();

  /**
   * Requeues failed events, unless another event of their aggregate is in flight (then the
   * requeued one could run beside it, or after a later one). The aggregates' unfinished events
   * are locked first, so a concurrent claim cannot slip in between the check and the update.
   */
  @Transaction
  default int requeue(UUID[] ids) {
    lockAggregatesOf(ids);
    return requeueUnlessAggregateInFlight(ids);
  }

  @SqlQuery(
      """
      select e.id from <schema>.events e
      where e.published_at is null
        and (e.tenant_id, e.aggregate_type, e.aggregate_id) in (
          select tenant_id, aggregate_type, aggregate_id from <schema>.events where id = any (:ids))
      for update of e
      """)
  List<UUID> lockAggregatesOf(@Bind("ids") UUID[] ids);

  @SqlUpdate(
      """
      update <schema>.events e
      set status = 'PENDING', attempts = 0, next_attempt_at = now(), failed_at = null
      where e.id = any (:ids) and e.status = 'FAILED'
        and not exists (
          select 1 from <schema>.events o
          where o.tenant_id = e.tenant_id and o.aggregate_type = e.aggregate_type
            and o.aggregate_id = e.aggregate_id and o.status = 'IN_FLIGHT')
      """)
  int requeueUnlessAggregateInFlight(@Bind("ids") UUID[] ids);

  @SqlUpdate(
      """
      delete from <schema>.events
      where ctid = any (array(
        select ctid from <schema>.events
        where published_at is not null and published_at < now() - :olderThanMillis * interval '1 millisecond'
        order by published_at
        limit :limit
        for update skip locked))
      """)
  int purgePublished(@Bind("olderThanMillis") long olderThanMillis, @Bind("limit") int limit);

  /**
   * Records a publisher's heartbeat, and drops what is old: throughput minutes past two hours,
   * publishers not seen for a week.
   */
  @Transaction
  default void heartbeat(String owner, String host, OffsetDateTime startedAt, int inFlight) {
    upsertHeartbeat(owner, host, startedAt, inFlight);
    forgetOldMinutes();
    forgetOldPublishers();
  }

  @SqlUpdate(
      """
      insert into <schema>.publishers (owner, host, started_at, last_seen_at, in_flight, stopped_at)
      values (:owner, :host, :startedAt, now(), :inFlight, null)
      on conflict (owner) do update
      set host = excluded.host, started_at = excluded.started_at, last_seen_at = now(),
          in_flight = excluded.in_flight, stopped_at = null
      """)
  void upsertHeartbeat(
      @Bind("owner") String owner,
      @Bind("host") String host,
      @Bind("startedAt") OffsetDateTime startedAt,
      @Bind("inFlight") int inFlight);

  @SqlUpdate("delete from <schema>.published_minutes where minute < now() - interval '2 hours'")
  void forgetOldMinutes();

  @SqlUpdate("delete from <schema>.publishers where last_seen_at < now() - interval '7 days'")
  void forgetOldPublishers();

  @SqlUpdate("update <schema>.publishers set stopped_at = now(), in_flight = 0, last_seen_at = now() where owner = :owner")
  int signOff(@Bind("owner") String owner);
}
