package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.StoreException;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.domain.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions the store opens itself, on its own pool. Each starts by {@linkplain
 * TenantScope#enter scoping} itself to its tenant, in one statement.
 */
public final class JdbiTransactions implements Transactions {
  /** Set while a transaction of this kind is open on the thread: they do not nest. */
  private final ThreadLocal<Boolean> open = new ThreadLocal<>();
  private final Jdbi jdbi;
  private final TenantScope scope;
  private final EventWriter writer;
  private final LocalCommits localCommits;

  JdbiTransactions(Jdbi jdbi, TenantScope scope, EventWriter writer, LocalCommits localCommits) {
    this.jdbi = jdbi;
    this.scope = scope;
    this.writer = writer;
    this.localCommits = localCommits;
  }

  @Override
  public <T> T inTenant(TenantId tenant, Function<UnitOfWork, T> work) {
    Objects.requireNonNull(tenant, "tenant");
    return in(tenant.value().toString(), work);
  }

  @Override
  public <T> T withoutTenant(Function<UnitOfWork, T> work) {
    return in("", work);
  }

  private <T> T in(String tenant, Function<UnitOfWork, T> work) {
    Objects.requireNonNull(work, "work");
    if (open.get() != null) {
      // Jdbi would join the open transaction, and this one's tenant would silently replace its.
      throw new IllegalStateException(
          "a transaction of this store is already open on this thread; do the work with its UnitOfWork");
    }
    open.set(Boolean.TRUE);
    JdbiUnitOfWork[] unit = new JdbiUnitOfWork[1];
    T result;
    try {
      result = jdbi.inTransaction(handle -> {
        enter(handle, tenant);
        unit[0] = new JdbiUnitOfWork(handle, writer);
        return work.apply(unit[0]);
      });
    } finally {
      open.remove();
    }
    if (unit[0].appended()) {
      localCommits.committed();
    }
    return result;
  }

  private void enter(Handle handle, String tenant) {
    try {
      scope.enter(handle.getConnection(), tenant);
    } catch (SQLException e) {
      throw new StoreException("cannot start a transaction for tenant '" + tenant + "': " + e.getMessage(), e);
    }
  }

  /** The connection under a unit of work of a store. */
  public static Connection connectionOf(UnitOfWork work) {
    return handleOf(work).getConnection();
  }

  /** The Jdbi handle under a unit of work of a store. */
  public static Handle handleOf(UnitOfWork work) {
    if (work instanceof JdbiUnitOfWork unit) {
      return unit.handle();
    }
    throw new IllegalArgumentException("not a unit of work of a PostgresStore: " + work);
  }
}
