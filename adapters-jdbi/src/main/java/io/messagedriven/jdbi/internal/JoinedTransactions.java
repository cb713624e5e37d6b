package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.NoTransactionException;
import io.messagedriven.application.port.StoreException;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.domain.EventId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Work done inside a transaction the caller opened and will commit, on the caller's connection.
 * Each piece of work runs under a savepoint: {@linkplain TenantScope#join scoped} to its tenant,
 * then put back as it was; when the work throws, the savepoint is rolled back, so the caller's
 * transaction holds nothing of it and can go on. Nothing here commits, rolls back or closes
 * what the caller owns.
 */
final class JoinedTransactions extends ScopedTransactions {
  private final Connection connection;
  /** The caller's Jdbi handle, to wake local publishers after its commit; null for a bare connection. */
  private final Handle callerHandle;
  private final CallerHandles handles;
  private final TenantScope scope;
  private final EventWriter writer;
  private final LocalCommits localCommits;

  JoinedTransactions(
      Connection connection, Handle callerHandle, CallerHandles handles, TenantScope scope, EventWriter writer,
      LocalCommits localCommits) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.callerHandle = callerHandle;
    this.handles = handles;
    this.scope = scope;
    this.writer = writer;
    this.localCommits = localCommits;
  }

  @Override
  <T> T in(String tenant, Function<UnitOfWork, T> work) {
    requireOpenTransaction();
    Savepoint savepoint = savepoint();
    T result;
    boolean appended;
    List<EventId> appendedIds;
    try (Handle handle = handles.open(connection)) {
      TenantScope.Saved saved = scope.join(connection, tenant, callerHandle != null);
      JdbiUnitOfWork unit = new JdbiUnitOfWork(handle, writer);
      result = work.apply(unit);
      appended = unit.appended();
      appendedIds = unit.appendedIds();
      scope.restore(connection, saved);
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw rollBack(savepoint, new StoreException("cannot work in the caller's transaction: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      throw rollBack(savepoint, StoreFailures.translate("work in the caller's transaction", e));
    } catch (Error e) {
      throw rollBack(savepoint, e);
    }
    if (appended && callerHandle != null) {
      List<EventId> ids = appendedIds;
      callerHandle.afterCommit(() -> localCommits.committed(ids));
    }
    return result;
  }

  private void requireOpenTransaction() {
    boolean open;
    try {
      open = !connection.isClosed() && !connection.getAutoCommit()
          && (callerHandle == null || callerHandle.isInTransaction());
    } catch (SQLException e) {
      throw new StoreException("cannot tell whether the connection has a transaction open: " + e.getMessage(), e);
    }
    if (!open) {
      throw new NoTransactionException("no transaction is open on this " + (callerHandle == null ? "connection" : "handle")
          + " (autocommit is on, or it is closed): begin one first; the outbox never commits an append on its own");
    }
  }

  private Savepoint savepoint() {
    try {
      return connection.setSavepoint();
    } catch (SQLException e) {
      throw new StoreException("cannot set a savepoint in the caller's transaction: " + e.getMessage(), e);
    }
  }

  private <E extends Throwable> E rollBack(Savepoint savepoint, E failure) {
    try {
      connection.rollback(savepoint);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }
}
