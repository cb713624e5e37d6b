package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.domain.TenantId;
import java.sql.Connection;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions on a Jdbi. Each starts with one statement that sets {@code
 * message_driven.tenant_id} (empty for no tenant) and, when the connecting role may, switches to
 * {@link LiquibaseMigrations#TENANT_ROLE}, both for the transaction only ({@code set_config(..., true)}):
 * row-level security then binds the transaction whatever role the pool connects as, and a pooled
 * connection never carries either setting over.
 */
public final class JdbiTransactions implements Transactions {
  static final String TENANT_SETTING = "message_driven.tenant_id";
  /** Set while a transaction of this kind is open on the thread: they do not nest. */
  private final ThreadLocal<Boolean> OPEN = new ThreadLocal<>();
  private final Jdbi jdbi;
  private final String enter;
  private final LocalCommits localCommits;

  /**
   * @param switchRole whether to switch to {@link LiquibaseMigrations#TENANT_ROLE}; without it the
   *     connecting role itself must be bound by row-level security
   */
  JdbiTransactions(Jdbi jdbi, boolean switchRole, LocalCommits localCommits) {
    this.jdbi = jdbi;
    this.localCommits = localCommits;
    String tenant = "set_config('" + TENANT_SETTING + "', ?, true)";
    this.enter = switchRole
        ? "select set_config('role', '" + LiquibaseMigrations.TENANT_ROLE + "', true), " + tenant
        : "select " + tenant;
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
    if (OPEN.get() != null) {
      // Jdbi would join the open transaction, and this one's tenant would silently replace its.
      throw new IllegalStateException(
          "a transaction of this store is already open on this thread; do the work with its UnitOfWork");
    }
    OPEN.set(Boolean.TRUE);
    JdbiUnitOfWork[] unit = new JdbiUnitOfWork[1];
    T result;
    try {
      result = jdbi.inTransaction(handle -> {
      try {
        WritePath.enter(handle.getConnection(), enter, tenant);
      } catch (java.sql.SQLException e) {
        throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(
            "cannot start a transaction for tenant '" + tenant + "': " + e.getMessage(), e, null);
      }
      unit[0] = new JdbiUnitOfWork(handle);
      return work.apply(unit[0]);
      });
    } finally {
      OPEN.remove();
    }
    if (unit[0].appended()) {
      localCommits.committed();
    }
    return result;
  }

  /** The connection under a unit of work these transactions opened. */
  public static Connection connectionOf(UnitOfWork work) {
    if (work instanceof JdbiUnitOfWork unit) {
      return unit.handle().getConnection();
    }
    throw new IllegalArgumentException("not a unit of work of a PostgresStore: " + work);
  }
}
