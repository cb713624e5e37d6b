package io.messagedriven.application.operations.port;

import io.messagedriven.domain.EventId;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What operators read and change in the outbox, across tenants: the figures of a status page,
 * failures grouped by cause, aggregates held back, events by filter, bulk requeue and delete,
 * paused tenants and the publishers seen. The store implements it (for PostgreSQL, {@code
 * PostgresStore.operations()}); the application's {@code Operations} checks the arguments and is
 * what callers use.
 *
 * <p>Wherever a {@code tenant} parameter is {@code null}, the call covers every tenant. Each read
 * is one short query on indexes, cheap enough to repeat every few seconds on a table of millions
 * of events. Infrastructure failures are {@link io.messagedriven.application.port.StoreException}s.
 */
public interface OperationsPort {

  /** The tenant with {@code id}, if there is one. */
  Optional<Tenant> tenant(TenantId id);

  /** The tenant with {@code slug}, if there is one. */
  Optional<Tenant> tenantBySlug(String slug);

  /**
   * Events per status and the lag, per tenant, for the tenants that hold events or are paused
   * (one tenant, or all when {@code tenant} is null), ordered by slug.
   */
  List<TenantCounts> counts(TenantId tenant);

  /**
   * Events published per minute over the last {@code window}, oldest minute first; minutes
   * without any are left out.
   */
  List<MinuteCount> publishedPerMinute(TenantId tenant, Duration window);

  /**
   * Failed events grouped by cause (the error class plus its message with ids, numbers and quoted
   * strings stripped), the largest group first, at most {@code limit} groups, each with up to
   * {@code examples} example ids of its latest failures.
   */
  List<CauseGroup> causes(TenantId tenant, int limit, int examples);

  /**
   * Aggregates whose head (their oldest unfinished event) failed or is retrying after an error,
   * the oldest head first, at most {@code limit}.
   */
  List<HeldAggregate> heldBack(TenantId tenant, int limit);

  /**
   * Up to {@code limit} events matching {@code filter}, newest first, with a position below
   * {@code beforePosition} ({@link Long#MAX_VALUE} for the first page).
   */
  List<EventSummary> events(EventFilter filter, long beforePosition, int limit);

  /** One event in full, if it exists. */
  Optional<EventDetail> event(EventId id);

  /**
   * Requeues the failed events among {@code ids} (pending, due at once, attempts reset), except
   * those of an aggregate with an event in flight. Ids of events that are not failed, or do not
   * exist, count as neither matched nor changed.
   */
  Batch requeue(Collection<EventId> ids);

  /**
   * Requeues up to {@code limit} failed events matching {@code filter} with a position above
   * {@code afterPosition}, oldest first, as {@link #requeue(Collection)} does; the batch's last
   * position is where the next batch starts.
   */
  Batch requeue(EventFilter filter, long afterPosition, int limit);

  /**
   * Deletes the events among {@code ids}, except those in flight and those of an aggregate with
   * an event in flight.
   */
  Batch delete(Collection<EventId> ids);

  /**
   * Deletes up to {@code limit} events matching {@code filter} with a position above {@code
   * afterPosition}, oldest first, as {@link #delete(Collection)} does.
   */
  Batch delete(EventFilter filter, long afterPosition, int limit);

  /**
   * Deletes up to {@code limit} events published more than {@code olderThan} ago, oldest first;
   * returns how many.
   */
  int purgePublished(Duration olderThan, int limit);

  /**
   * Pauses publishing for a tenant that exists: publishers claim none of its events until it is
   * resumed (events in flight finish). Returns false if it was paused already.
   */
  boolean pause(TenantId tenant, String reason);

  /** Resumes publishing for a tenant; returns false if it was not paused. */
  boolean resume(TenantId tenant);

  /** The paused tenants, the longest paused first. */
  List<PausedTenant> paused();

  /** The publishers that sent a heartbeat, the most recently seen first. */
  List<PublisherRow> publishers();
}
