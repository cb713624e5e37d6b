package io.messagedriven.application.port;

import io.messagedriven.domain.DuplicateSlugException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.util.Optional;

/** The tenants, as seen from inside one transaction. */
public interface TenantRepository {

  Optional<Tenant> findById(TenantId id);

  Optional<Tenant> findBySlug(String slug);

  /**
   * Adds a new tenant.
   *
   * @throws DuplicateSlugException if another tenant has the slug, even one committed
   *     concurrently
   */
  void add(Tenant tenant);
}
