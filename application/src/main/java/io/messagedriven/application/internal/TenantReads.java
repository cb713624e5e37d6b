package io.messagedriven.application.internal;

import io.messagedriven.domain.UnknownTenantException;

import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.domain.TenantId;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads in a tenant-scoped transaction that tell an unknown tenant from an empty result: only
 * when nothing was found does it look the tenant up, so a read that finds something costs no
 * extra query.
 */
public final class TenantReads {
  private TenantReads() {}

  public static <T> T read(Transactions transactions, TenantId tenant, Function<UnitOfWork, T> work, Predicate<T> empty) {
    return transactions.inTenant(tenant, tx -> {
      T result = work.apply(tx);
      if (empty.test(result) && tx.tenants().findById(tenant).isEmpty()) {
        throw new UnknownTenantException(tenant);
      }
      return result;
    });
  }
}
