package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.domain.TenantId;
import java.util.Objects;
import java.util.function.Function;

/** Transactions scoped by the tenant's id as text, the empty text for none. */
abstract class ScopedTransactions implements Transactions {

  @Override
  public final <T> T inTenant(TenantId tenant, Function<UnitOfWork, T> work) {
    Objects.requireNonNull(tenant, "tenant");
    return in(tenant.value().toString(), Objects.requireNonNull(work, "work"));
  }

  @Override
  public final <T> T withoutTenant(Function<UnitOfWork, T> work) {
    return in("", Objects.requireNonNull(work, "work"));
  }

  /** Runs {@code work} scoped to {@code tenant}, a UUID or empty for none. */
  abstract <T> T in(String tenant, Function<UnitOfWork, T> work);
}
