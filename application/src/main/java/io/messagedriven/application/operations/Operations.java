package io.messagedriven.application.operations;

import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.internal.Args;
import io.messagedriven.application.internal.Cursors;
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
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.UnknownTenantException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an operator sees and does with the outbox, for one tenant or all: counts per status and
 * lag, throughput, failures grouped by cause, aggregates held back, events by filter and one in
 * full, requeue and delete (one event, or in bounded bulk by filter or cause), pausing a tenant,
 * the publishers seen, and purging published events.
 *
 * <pre>{@code
 * Operations operations = new Operations(store.operations());
 * StatusReport status = operations.status(null);              // null: every tenant
 * for (CauseGroup cause : operations.failures(null, 20)) {
 *   BulkResult requeued = operations.requeue(EventFilter.all().withCause(cause.key()), 100_000);
 * }
 * }</pre>
 *
 * <p>Wherever a {@code tenant} parameter is {@code null}, the call covers every tenant; a tenant
 * that does not exist is an {@link UnknownTenantException}. Bad arguments are {@link
 * InvalidValueException}s naming them, and change nothing. Requeue and delete leave alone an
 * event whose aggregate has an event in flight (a publisher is handling it: try again later) and
 * count it as refused.
 */
public final class Operations {
  /** How long a publisher may go without a heartbeat before it is shown as gone, unless set. */
  public static final Duration DEFAULT_GONE_AFTER = Duration.ofSeconds(60);
  /** The most events a bulk requeue or delete changes in one call. */
  public static final int MAX_BULK = 1_000_000;
  /** The most cause groups or held-back aggregates one call lists. */
  public static final int MAX_LIST = 1_000;
  /** The most ids one requeue or delete by ids takes. */
  public static final int MAX_IDS = 10_000;
  /** Events per bounded batch of a bulk change: each batch is one short transaction. */
  static final int BATCH = Batches.SIZE;
  private static final int EXAMPLES = 5;
  private static final String EVENTS_LIST = "ops-events";
  private static final Duration THROUGHPUT_WINDOW = Duration.ofHours(1);
  private static final Duration MAX_RETENTION = Duration.ofDays(3_650);

  private final OperationsPort port;
  private final Clock clock;
  private final Duration goneAfter;

  /** Operations on {@code port}, with the system clock and {@link #DEFAULT_GONE_AFTER}. */
  public Operations(OperationsPort port) {
    this(port, Clock.systemUTC(), DEFAULT_GONE_AFTER);
  }

  /**
   * Operations on {@code port}.
   *
   * @param clock the clock the throughput's minutes are counted on
   * @param goneAfter how long a publisher may go without a heartbeat before it is shown as gone;
   *     1 second to 1 day
   */
  public Operations(OperationsPort port, Clock clock, Duration goneAfter) {
    this.port = Objects.requireNonNull(port, "port");
    this.clock = Objects.requireNonNull(clock, "clock");
    Args.required("goneAfter", goneAfter);
    if (goneAfter.compareTo(Duration.ofSeconds(1)) < 0 || goneAfter.compareTo(Duration.ofDays(1)) > 0) {
      throw new InvalidValueException("goneAfter", goneAfter, "use 1 second to 1 day");
    }
    this.goneAfter = goneAfter;
  }

  /**
   * The tenant a slug or a tenant id names, as an operator types it.
   *
   * @throws InvalidValueException if no tenant has that slug or id
   */
  public TenantId tenant(String slugOrId) {
    String text = Args.text("tenant", slugOrId, 100);
    Optional<Tenant> found = looksLikeUuid(text)
        ? port.tenant(TenantId.parse(text.toLowerCase(java.util.Locale.ROOT)))
        : port.tenantBySlug(text);
    return found.map(Tenant::id)
        .orElseThrow(() -> new InvalidValueException("tenant", slugOrId, "no tenant has this slug or id"));
  }

  private static boolean looksLikeUuid(String text) {
    try {
      return UUID.fromString(text).toString().equalsIgnoreCase(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Events per status and lag, per tenant and in total. */
  public StatusReport status(TenantId tenant) {
    List<TenantCounts> counts = port.counts(tenant);
    if (counts.isEmpty()) {
      requireExists(tenant);
    }
    return StatusReport.of(counts);
  }

  /** Events published in each of the last 60 minutes, oldest first; the last is the current minute. */
  public List<MinuteCount> publishedPerMinute(TenantId tenant) {
    requireExists(tenant);
    Map<Instant, Long> found = new HashMap<>();
    for (MinuteCount minute : port.publishedPerMinute(tenant, THROUGHPUT_WINDOW)) {
      found.merge(minute.minute(), minute.published(), Long::sum);
    }
    Instant last = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    List<MinuteCount> minutes = new ArrayList<>(60);
    for (int ago = 59; ago >= 0; ago--) {
      Instant minute = last.minus(ago, ChronoUnit.MINUTES);
      minutes.add(new MinuteCount(minute, found.getOrDefault(minute, 0L)));
    }
    return minutes;
  }

  /** Failed events grouped by cause, the largest group first; at most {@code limit} (1 to {@value #MAX_LIST}) groups. */
  public List<CauseGroup> failures(TenantId tenant, int limit) {
    checkLimit(limit);
    requireExists(tenant);
    return port.causes(tenant, limit, EXAMPLES);
  }

  /** Aggregates held back by a failed or retrying head, the oldest head first; at most {@code limit} (1 to {@value #MAX_LIST}). */
  public List<HeldAggregate> heldBack(TenantId tenant, int limit) {
    checkLimit(limit);
    requireExists(tenant);
    return port.heldBack(tenant, limit);
  }

  /** One page of the events matching {@code filter}, newest first. */
  public Page<EventSummary> events(EventFilter filter, PageRequest page) {
    Args.required("filter", filter);
    Args.required("page", page);
    long before = page.cursor().map(Operations::position).orElse(Long.MAX_VALUE);
    requireExists(filter.tenant());
    List<EventSummary> found = port.events(filter, before, page.limit() + 1);
    if (found.size() <= page.limit()) {
      return new Page<>(found, null);
    }
    List<EventSummary> items = found.subList(0, page.limit());
    return new Page<>(items, Cursors.encode(EVENTS_LIST, Long.toString(items.get(items.size() - 1).position())));
  }

  private static long position(String cursor) {
    String[] parts = Cursors.decode(cursor, EVENTS_LIST, 2);
    try {
      long position = Long.parseLong(parts[1]);
      if (position < 1) {
        throw Cursors.invalid(cursor);
      }
      return position;
    } catch (NumberFormatException e) {
      throw Cursors.invalid(cursor);
    }
  }

  /**
   * One event in full: payload, headers, attempts and last error with its stack trace.
   *
   * @throws UnknownEventException if the outbox does not hold it
   */
  public EventDetail event(EventId id) {
    Args.required("eventId", id);
    return port.event(id).orElseThrow(() -> new UnknownEventException(id));
  }

  /**
   * Requeues one failed event: pending, due at once, attempts reset.
   *
   * @return changed 1, or refused 1 if it is not failed or its aggregate has an event in flight
   * @throws UnknownEventException if the outbox does not hold it
   */
  public BulkResult requeue(EventId id) {
    return one(id, port.requeue(List.of(Args.required("eventId", id))));
  }

  /** Requeues the failed events among {@code ids} (at most {@value #MAX_IDS}); the others are refused. */
  public BulkResult requeue(Collection<EventId> ids) {
    Collection<EventId> distinct = Batches.distinct(ids);
    return Batches.ofIds(distinct, port.requeue(distinct));
  }

  /**
   * Requeues the failed events matching {@code filter}, oldest first, in batches of short
   * transactions, stopping after {@code max} events (1 to {@value #MAX_BULK}). A filter naming
   * another status than failed is refused.
   */
  public BulkResult requeue(EventFilter filter, int max) {
    Args.required("filter", filter);
    if (filter.status() != null && filter.status() != EventStatus.FAILED) {
      throw new InvalidValueException("status", filter.status(), "only failed events are requeued");
    }
    checkMax(max);
    requireExists(filter.tenant());
    EventFilter failed = filter.withStatus(EventStatus.FAILED);
    return Batches.run(max, (after, limit) -> port.requeue(failed, after, limit));
  }

  /**
   * Deletes one event, unless it or another event of its aggregate is in flight.
   *
   * @throws UnknownEventException if the outbox does not hold it
   */
  public BulkResult delete(EventId id) {
    return one(id, port.delete(List.of(Args.required("eventId", id))));
  }

  /** Deletes the events among {@code ids} (at most {@value #MAX_IDS}); those in flight, or of an aggregate in flight, are refused. */
  public BulkResult delete(Collection<EventId> ids) {
    Collection<EventId> distinct = Batches.distinct(ids);
    return Batches.ofIds(distinct, port.delete(distinct));
  }

  /**
   * Deletes the events matching {@code filter}, oldest first, in batches of short transactions,
   * stopping after {@code max} events (1 to {@value #MAX_BULK}). The filter must narrow the
   * events by at least one criterion: deleting the whole outbox is refused.
   */
  public BulkResult delete(EventFilter filter, int max) {
    Args.required("filter", filter);
    if (filter.equals(EventFilter.all())) {
      throw new InvalidValueException("filter", "all events", "name at least one criterion (tenant, status, name, "
          + "aggregate, time range or cause)");
    }
    checkMax(max);
    requireExists(filter.tenant());
    return Batches.run(max, (after, limit) -> port.delete(filter, after, limit));
  }

  /**
   * Deletes events published more than {@code olderThan} ago (1 minute to 3,650 days), in
   * batches, at most {@code max} (1 to {@value #MAX_BULK}); returns how many.
   */
  public BulkResult purgePublished(Duration olderThan, int max) {
    Args.required("olderThan", olderThan);
    if (olderThan.compareTo(Duration.ofMinutes(1)) < 0 || olderThan.compareTo(MAX_RETENTION) > 0) {
      throw new InvalidValueException("olderThan", olderThan, "use 1 minute to 3650 days");
    }
    checkMax(max);
    long purged = 0;
    while (purged < max) {
      int limit = (int) Math.min(BATCH, max - purged);
      int deleted = port.purgePublished(olderThan, limit);
      purged += deleted;
      if (deleted < limit) {
        return new BulkResult(purged, 0, false);
      }
    }
    return new BulkResult(purged, 0, true);
  }

  /**
   * Pauses publishing for a tenant: publishers claim none of its events until it is resumed;
   * events in flight finish. Returns false if it was paused already.
   *
   * @param reason what to show beside the pause; may be null, at most 500 characters
   */
  public boolean pause(TenantId tenant, String reason) {
    Args.required("tenant", tenant);
    if (reason != null && reason.length() > 500) {
      throw new InvalidValueException("reason", reason, "it is longer than 500 characters");
    }
    requireExists(tenant);
    return port.pause(tenant, reason == null ? "" : reason.strip());
  }

  /** Resumes publishing for a tenant; returns false if it was not paused. */
  public boolean resume(TenantId tenant) {
    Args.required("tenant", tenant);
    requireExists(tenant);
    return port.resume(tenant);
  }

  /** The paused tenants, the longest paused first. */
  public List<PausedTenant> paused() {
    return port.paused();
  }

  /** The publishers that sent a heartbeat, the most recently seen first, each alive, gone or stopped. */
  public List<PublisherStatus> publishers() {
    return port.publishers().stream().map(this::statusOf).toList();
  }

  private PublisherStatus statusOf(PublisherRow row) {
    PublisherStatus.State state = row.stoppedAt() != null ? PublisherStatus.State.STOPPED
        : row.sinceLastSeen().compareTo(goneAfter) > 0 ? PublisherStatus.State.GONE
        : PublisherStatus.State.ALIVE;
    return new PublisherStatus(row, state);
  }

  private BulkResult one(EventId id, Batch batch) {
    if (batch.changed() == 1) {
      return new BulkResult(1, 0, false);
    }
    if (port.event(id).isEmpty()) {
      throw new UnknownEventException(id);
    }
    return new BulkResult(0, 1, false);
  }

  private void requireExists(TenantId tenant) {
    if (tenant != null && port.tenant(tenant).isEmpty()) {
      throw new UnknownTenantException(tenant);
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIST) {
      throw new InvalidValueException("limit", limit, "use 1 to " + MAX_LIST);
    }
  }

  private static void checkMax(int max) {
    if (max < 1 || max > MAX_BULK) {
      throw new InvalidValueException("max", max, "use 1 to " + MAX_BULK);
    }
  }
}
