package io.messagedriven.domain;

import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.TenantId;

/** The request names a tenant that does not exist. Nothing was written. */
public final class UnknownTenantException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final transient TenantId tenantId;

  public UnknownTenantException(TenantId tenantId) {
    super("unknown tenant " + tenantId);
    this.tenantId = tenantId;
  }

  public TenantId tenantId() {
    return tenantId;
  }
}
