package io.messagedriven.application.port;

import io.messagedriven.domain.TenantId;
import java.util.function.Function;

/**
 * The transaction boundary. Work runs in one database transaction: it commits when the function
 * returns and rolls back when it throws, and the exception reaches the caller unchanged.
 */
public interface Transactions {

  /**
   * Runs {@code work} in a transaction scoped to {@code tenant}: it can read and write that
   * tenant's users and events only.
   */
  <T> T inTenant(TenantId tenant, Function<UnitOfWork, T> work);

  /**
   * Runs {@code work} in a transaction with no tenant set: it can read and add tenants, and sees
   * no tenant's users or events.
   */
  <T> T withoutTenant(Function<UnitOfWork, T> work);
}
