package io.messagedriven.application.tenant;

import io.messagedriven.application.internal.Args;

import io.messagedriven.application.port.Transactions;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds tenants by id or by slug, such as the slug of a request's host name, before any
 * tenant-scoped work starts. Runs with no tenant set: the tenant directory is the one table such
 * a transaction may read.
 */
public final class TenantQueries {
  private final Transactions transactions;

  public TenantQueries(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /** The tenant with this id, if any. */
  public Optional<Tenant> findById(TenantId id) {
    Args.required("tenantId", id);
    return transactions.withoutTenant(tx -> tx.tenants().findById(id));
  }

  /**
   * The tenant with this slug, if any. A malformed slug is an {@link
   * io.messagedriven.domain.InvalidValueException}.
   */
  public Optional<Tenant> findBySlug(String slug) {
    String valid = Tenant.validSlug(slug);
    return transactions.withoutTenant(tx -> tx.tenants().findBySlug(valid));
  }
}
