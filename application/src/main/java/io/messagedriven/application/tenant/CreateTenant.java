package io.messagedriven.application.tenant;

import io.messagedriven.domain.DuplicateSlugException;

import io.messagedriven.application.port.Transactions;
import io.messagedriven.domain.Tenant;
import java.time.Clock;
import java.util.Objects;

/**
 * Creates a tenant. A slug already taken is a {@link DuplicateSlugException}, and nothing is
 * written.
 */
public final class CreateTenant {
  private final Transactions transactions;
  private final Clock clock;

  public CreateTenant(Transactions transactions, Clock clock) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates the tenant; returns it as stored.
   *
   * @throws DuplicateSlugException if the slug is taken, even by a tenant created concurrently
   */
  public Tenant handle(CreateTenantCommand command) {
    Objects.requireNonNull(command, "command");
    return transactions.withoutTenant(
        tx -> {
          if (tx.tenants().findBySlug(command.slug()).isPresent()) {
            throw new DuplicateSlugException(command.slug());
          }
          Tenant tenant = Tenant.create(command.slug(), command.name(), clock);
          tx.tenants().add(tenant);
          return tenant;
        });
  }
}
