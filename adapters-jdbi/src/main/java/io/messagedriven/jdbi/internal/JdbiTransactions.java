package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.domain.TenantId;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions on a Jdbi. A tenant-scoped one sets {@code message_driven.tenant_id} for the
 * transaction only ({@code set_config(..., true)}), so a pooled connection never carries it over.
 */
public final class JdbiTransactions implements Transactions {
  static final String TENANT_SETTING = "message_driven.tenant_id";
  private final Jdbi jdbi;

  public JdbiTransactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <T> T inTenant(TenantId tenant, Function<UnitOfWork, T> work) {
    Objects.requireNonNull(tenant, "tenant");
    return jdbi.inTransaction(handle -> {
      handle.createQuery("select set_config('" + TENANT_SETTING + "', :tenant, true)")
          .bind("tenant", tenant.value().toString())
          .mapTo(String.class)
          .one();
      return work.apply(new JdbiUnitOfWork(handle));
    });
  }

  @Override
  public <T> T withoutTenant(Function<UnitOfWork, T> work) {
    return jdbi.inTransaction(handle -> work.apply(new JdbiUnitOfWork(handle)));
  }
}
