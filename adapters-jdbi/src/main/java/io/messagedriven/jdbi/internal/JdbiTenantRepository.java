package io.messagedriven.jdbi.internal;

import io.messagedriven.domain.DuplicateSlugException;
import io.messagedriven.application.port.TenantRepository;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/** Tenants in the {@code tenants} table, within one transaction. */
final class JdbiTenantRepository implements TenantRepository {
  private final TenantDao dao;

  JdbiTenantRepository(TenantDao dao) {
    this.dao = dao;
  }

  @Override
  public Optional<Tenant> findById(TenantId id) {
    return dao.findById(id.value());
  }

  @Override
  public Optional<Tenant> findBySlug(String slug) {
    return dao.findBySlug(Tenant.validSlug(slug));
  }

  @Override
  public void add(Tenant tenant) {
    try {
      dao.insert(tenant.id().value(), tenant.slug(), tenant.name(), tenant.createdAt().atOffset(ZoneOffset.UTC));
    } catch (JdbiException e) {
      if (ConstraintViolation.unique(e).filter("tenants_slug_unique"::equals).isPresent()) {
        throw new DuplicateSlugException(tenant.slug());
      }
      throw e;
    }
  }
}
