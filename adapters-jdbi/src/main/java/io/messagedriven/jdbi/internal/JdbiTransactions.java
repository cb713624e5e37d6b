package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.StoreException;
import io.messagedriven.application.port.UnitOfWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions the store opens itself, on its own pool. Each starts by {@linkplain
 * TenantScope#enter scoping} itself to its tenant, in one statement.
 */
public final class JdbiTransactions extends ScopedTransactions {
  /** Set while a transaction of this kind is open on the thread: they do not nest. */
  private final ThreadLocal<Boolean> open = new ThreadLocal<>();
  private final Jdbi jdbi;
  private final TenantScope scope;
  private final EventWriter writer;
  private final LocalCommits localCommits;
  private final SessionReset sessions;
  /** The role the store logs in as: a session under another one was left so by an earlier user. */
  private final String login;

  JdbiTransactions(
      Jdbi jdbi, TenantScope scope, EventWriter writer, LocalCommits localCommits, SessionReset sessions, String login) {
    this.jdbi = jdbi;
    this.scope = scope;
    this.writer = writer;
    this.localCommits = localCommits;
    this.sessions = sessions;
    this.login = login;
  }

  @Override
  <T> T in(String tenant, Function<UnitOfWork, T> work) {
    if (open.get() != null) {
      // Jdbi would join the open transaction, and this one's tenant would silently replace its.
      throw new IllegalStateException(
          "a transaction of this store is already open on this thread; do the work with its UnitOfWork");
    }
    open.set(Boolean.TRUE);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return once(tenant, work);
        } catch (LeftoverSession e) {
          if (attempt == 2) {
            throw new StoreException("the database's transactions are read-only even on a fresh session "
                + "(default_transaction_read_only is on for the database or the role, or it is a standby), or its "
                + "sessions start under another role than " + login, null);
          }
        }
      }
    } finally {
      open.remove();
    }
  }

  /** One transaction on one pooled connection; a connection that SQL of the application's ran on is reset after it. */
  private <T> T once(String tenant, Function<UnitOfWork, T> work) {
    JdbiUnitOfWork[] unit = new JdbiUnitOfWork[1];
    T result;
    Handle handle = open();
    boolean reset = false;
    try {
      result = handle.inTransaction(h -> {
        enter(h, tenant);
        unit[0] = new JdbiUnitOfWork(h, writer);
        return work.apply(unit[0]);
      });
    } catch (LeftoverSession e) {
      reset = true;
      throw e;
    } catch (RuntimeException e) {
      throw StoreFailures.translate("transaction " + (tenant.isEmpty() ? "without a tenant" : "of tenant " + tenant), e);
    } finally {
      if (reset || unit[0] != null && unit[0].exposed()) {
        sessions.reset(handle.getConnection());
      }
      handle.close();
    }
    if (unit[0].appended()) {
      localCommits.committed(unit[0].appendedIds());
    }
    return result;
  }

  private Handle open() {
    try {
      return jdbi.open();
    } catch (RuntimeException e) {
      throw StoreFailures.translate("cannot get a connection", e);
    }
  }

  private void enter(Handle handle, String tenant) {
    boolean clean;
    try {
      clean = scope.enter(handle.getConnection(), tenant, login);
    } catch (SQLException e) {
      throw new StoreException("cannot start a transaction for tenant '" + tenant + "': " + e.getMessage(), e);
    }
    if (!clean) {
      throw new LeftoverSession();
    }
  }

  /** An earlier user of the connection left its session read-only or under another role. */
  private static final class LeftoverSession extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeftoverSession() {
      super(null, null, false, false);
    }
  }

  /** The connection under a unit of work of a store. */
  public static Connection connectionOf(UnitOfWork work) {
    return handleOf(work).getConnection();
  }

  /** The Jdbi handle under a unit of work of a store, for SQL of the application's own. */
  public static Handle handleOf(UnitOfWork work) {
    return unitOf(work).exposedHandle();
  }

  /**
   * The Jdbi handle under a unit of work, for the library's own repositories (such as the
   * sample's users), whose statements leave nothing on the session to reset.
   */
  public static Handle libraryHandleOf(UnitOfWork work) {
    return unitOf(work).handle();
  }

  private static JdbiUnitOfWork unitOf(UnitOfWork work) {
    if (work instanceof JdbiUnitOfWork unit) {
      return unit;
    }
    throw new IllegalArgumentException("not a unit of work of a PostgresStore: " + work);
  }
}
