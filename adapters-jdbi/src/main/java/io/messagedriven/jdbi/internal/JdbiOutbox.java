package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.NoTransactionException;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.PublisherHeartbeat;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox on the {@code events} table. Bound to a {@link Handle} it works in that handle's
 * transaction; bound to a {@link Jdbi} each call is a short transaction of its own.
 */
public final class JdbiOutbox implements OutboxPort {
  private final Function<Function<EventDao, Object>, Object> calls;
  /**
   * Like {@link #calls}, in one transaction: a standalone outbox begins one without naming an
   * isolation level (Jdbi's {@code @Transaction} asks the server for the current level twice, two
   * round trips per claim for nothing); one bound to a handle is in its transaction already.
   */
  private final Function<Function<EventDao, Object>, Object> transactionalCalls;
  /** Due events a claim looks at, shared among the busy tenants (twice the batch if larger). */
  private static final int CLAIM_WINDOW = 1_000;
  /**
   * How long a standalone claim waits for its turn in the database while other publishers'
   * claims run (10 to 30 ms each for 500 events); past it the claim returns nothing.
   */
  static final String TURN_WAIT = "500ms";
  /**
   * How long a claim in a caller's transaction first waits for its turn, tried without waiting
   * (a lock wait that timed out would abort that transaction); doubled each try, up to about 60
   * ms in all.
   */
  private static final long FIRST_TURN_WAIT_NANOS = 500_000;
  private static final long MAX_TURN_WAIT_NANOS = 32_000_000;
  /** SQLSTATE lock_not_available: a wait for a lock passed lock_timeout. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final Comparator<ClaimedEvent> IN_WRITE_ORDER =
      Comparator.comparingLong(claimed -> claimed.event().sequence().orElseThrow());

  private final boolean failedHoldsAggregate;
  /** The transaction's handle, for an outbox bound to one; null for a standalone outbox. */
  private final Handle handle;

  private final boolean sessionsTuned;
  private final EventWriter writer;
  /** Where the plain JDBC statements get a connection: null for an outbox bound to a handle. */
  private final DataSource dataSource;
  private final PublishingStatements statements;
  private boolean appended;
  /** What it appended, in write order, while no more than a claim by id takes; then empty. */
  private final List<EventId> appendedIds = new ArrayList<>();

  private JdbiOutbox(
      Function<Function<EventDao, Object>, Object> calls, Function<Function<EventDao, Object>, Object> transactionalCalls,
      boolean failedHoldsAggregate, Handle handle, boolean sessionsTuned, EventWriter writer, DataSource dataSource) {
    this.calls = calls;
    this.transactionalCalls = transactionalCalls;
    this.failedHoldsAggregate = failedHoldsAggregate;
    this.handle = handle;
    this.sessionsTuned = sessionsTuned;
    this.writer = writer;
    this.dataSource = dataSource;
    this.statements = PublishingStatements.of(writer.schema());
  }

  /**
   * An outbox whose calls each run in their own transaction.
   *
   * @param sessionsTuned whether every connection already runs with {@link
   *     JdbiStore#PUBLISHER_SESSION_SETTINGS} (a pool the store owns); if not, each claim turns JIT off
   *     for its own transaction, at the cost of two more round trips
   */
  static JdbiOutbox standalone(Jdbi jdbi, DataSource dataSource, boolean failedHoldsAggregate, boolean sessionsTuned,
      EventWriter writer) {
    return new JdbiOutbox(work -> jdbi.withExtension(EventDao.class, work::apply),
        work -> jdbi.inTransaction(h -> work.apply(h.attach(EventDao.class))),
        failedHoldsAggregate, null, sessionsTuned, writer, dataSource);
  }

  /** An outbox working in the transaction of {@code handle}. */
  static JdbiOutbox inTransaction(Handle handle, EventWriter writer) {
    Function<Function<EventDao, Object>, Object> inHandle = work -> work.apply(handle.attach(EventDao.class));
    return new JdbiOutbox(inHandle, inHandle, false, handle, false, writer, null);
  }

  /** Whether this outbox appended events (in its transaction, for one bound to a handle). */
  boolean appended() {
    return appended;
  }

  /**
   * The ids of the events it appended, in write order; empty when it appended none or more than
   * one {@link #claimAppended} takes (then publishers claim them as any others).
   */
  List<EventId> appendedIds() {
    return List.copyOf(appendedIds);
  }

  private <R> R call(Function<EventDao, R> work) {
    return call(calls, work);
  }

  /** Work in plain JDBC (see {@link PublishingStatements}). */
  private interface SqlWork<R> {
    R run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on the handle's connection, in its transaction; standalone, on a connection
   * of its own in a transaction of its own (committed here if the data source hands out
   * connections that do not commit each statement).
   */
  private <R> R plain(String doing, SqlWork<R> work) {
    try {
      if (handle != null) {
        return work.run(handle.getConnection());
      }
      try (Connection connection = dataSource.getConnection()) {
        if (connection.getAutoCommit()) {
          return work.run(connection);
        }
        try {
          R result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          try {
            connection.rollback();
          } catch (SQLException rollback) {
            e.addSuppressed(rollback);
          }
          throw e;
        }
      }
    } catch (SQLException e) {
      throw StoreFailures.translate(doing, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> R call(Function<Function<EventDao, Object>, Object> through, Function<EventDao, R> work) {
    try {
      return (R) through.apply((Function<EventDao, Object>) work);
    } catch (RuntimeException e) {
      throw StoreFailures.translate("outbox", e);
    }
  }

  @Override
  public void append(Collection<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    if (handle != null) {
      writer.insert(handle.getConnection(), events);
      boolean first = !appended;
      appended = true;
      if ((first || !appendedIds.isEmpty()) && appendedIds.size() + events.size() <= MAX_CLAIMED_BY_ID) {
        events.forEach(event -> appendedIds.add(event.id()));
      } else {
        appendedIds.clear();
      }
      return;
    }
    throw new NoTransactionException("the publishers' outbox has no transaction to append in: append in the "
        + "transaction of the change, with tx.outbox() or PostgresStore.append(connection, events)");
  }

  @Override
  public List<ClaimedEvent> claim(String owner, int limit, Duration lease, Collection<EventId> skip) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner must name the claiming publisher, was " + owner);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    Objects.requireNonNull(skip, "skip");
    UUID[] skipped = skip.stream().map(EventId::value).toArray(UUID[]::new);
    int window = Math.max(CLAIM_WINDOW, limit * 2);
    UUID pivot = UUID.randomUUID();
    EventDao.FairClaim fair = new EventDao.FairClaim(
        owner, limit, lease.toMillis(), failedHoldsAggregate, skipped, pivot, window, handle == null, !sessionsTuned);
    if (handle == null) {
      try {
        List<ClaimedEvent> inTurn = call(transactionalCalls,
            dao -> dao.claimWaitingForTurn(fair, writer.table(), TURN_WAIT));
        return inTurn == null ? List.of() : inWriteOrder(inTurn); // null: tried, not waited for (not READ COMMITTED)
      } catch (RuntimeException e) {
        if (lockNotAvailable(e)) {
          return List.of(); // claims kept others busy; the publisher comes back soon
        }
        throw e;
      }
    }
    for (long waitNanos = FIRST_TURN_WAIT_NANOS; ; waitNanos *= 2) {
      List<ClaimedEvent> inTurn = call(transactionalCalls, dao -> dao.claimIfTurnFree(fair, writer.table()));
      if (inTurn != null) {
        return inWriteOrder(inTurn);
      }
      if (waitNanos > MAX_TURN_WAIT_NANOS) {
        return List.of(); // claims kept others busy; the publisher comes back soon
      }
      LockSupport.parkNanos(waitNanos);
    }
  }

  private static List<ClaimedEvent> inWriteOrder(List<ClaimedEvent> inTurn) {
    List<ClaimedEvent> claimed = new ArrayList<>(inTurn);
    claimed.sort(IN_WRITE_ORDER);
    return claimed;
  }

  private static boolean lockNotAvailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<ClaimedEvent> claimAppended(String owner, Collection<EventId> appended, Duration lease) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner must name the claiming publisher, was " + owner);
    }
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    if (appended.size() > MAX_CLAIMED_BY_ID) {
      throw new IllegalArgumentException("at most " + MAX_CLAIMED_BY_ID + " ids per claim, were " + appended.size());
    }
    if (appended.isEmpty()) {
      return List.of();
    }
    UUID[] ids = appended.stream().map(EventId::value).toArray(UUID[]::new);
    List<ClaimedEvent> claimed = new ArrayList<>(
        plain("cannot claim " + ids.length + " events by id", connection -> statements.claimGiven(connection, owner, ids,
            lease.toMillis(), failedHoldsAggregate, handle == null)));
    claimed.sort(IN_WRITE_ORDER);
    return claimed;
  }

  @Override
  public Set<EventId> markPublished(Collection<ClaimedEvent> events) {
    if (events.isEmpty()) {
      return Set.of();
    }
    List<UUID> acked = plain("cannot mark " + events.size() + " events published",
        connection -> statements.markPublished(connection, ids(events), tokens(events), handle == null));
    Set<EventId> ids = new HashSet<>(acked.size() * 2);
    for (UUID id : acked) {
      ids.add(new EventId(id));
    }
    return ids;
  }

  @Override
  public boolean retryLater(ClaimedEvent event, Duration delay, Failure failure) {
    int changed = call(dao -> dao.retryLater(
        event.event().id().value(), event.leaseToken(), delivered(event), delay.toMillis(),
        failure.errorClass(), failure.message(), failure.stackTrace()));
    return changed == 1;
  }

  @Override
  public boolean markFailed(ClaimedEvent event, Failure failure) {
    int changed = call(dao -> dao.markFailed(
        event.event().id().value(), event.leaseToken(), delivered(event),
        failure.errorClass(), failure.message(), failure.stackTrace()));
    return changed == 1;
  }

  @Override
  public int release(Collection<ClaimedEvent> events) {
    if (events.isEmpty()) {
      return 0;
    }
    for (ClaimedEvent event : events) {
      if (!event.delivered().isEmpty()) {
        call(dao -> dao.recordDelivered(event.event().id().value(), event.leaseToken(), delivered(event)));
      }
    }
    return call(dao -> dao.release(ids(events), tokens(events)));
  }

  private static String[] delivered(ClaimedEvent event) {
    return event.delivered().stream().sorted().toArray(String[]::new);
  }

  @Override
  public int requeue(Collection<EventId> events) {
    if (events.isEmpty()) {
      return 0;
    }
    UUID[] ids = events.stream().map(EventId::value).toArray(UUID[]::new);
    return call(dao -> dao.requeue(ids));
  }

  @Override
  public int purgePublished(Duration olderThan, int limit) {
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative, was " + olderThan);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return call(dao -> dao.purgePublished(olderThan.toMillis(), limit));
  }

  @Override
  public void heartbeat(PublisherHeartbeat heartbeat) {
    OffsetDateTime started = heartbeat.startedAt().atOffset(ZoneOffset.UTC);
    call(dao -> {
      dao.heartbeat(heartbeat.owner(), heartbeat.host(), started, heartbeat.inFlight());
      return null;
    });
  }

  @Override
  public void signOff(String owner) {
    Objects.requireNonNull(owner, "owner");
    call(dao -> dao.signOff(owner));
  }

  private static UUID[] ids(Collection<ClaimedEvent> events) {
    return events.stream().map(e -> e.event().id().value()).toArray(UUID[]::new);
  }

  private static UUID[] tokens(Collection<ClaimedEvent> events) {
    return events.stream().map(ClaimedEvent::leaseToken).toArray(UUID[]::new);
  }
}
