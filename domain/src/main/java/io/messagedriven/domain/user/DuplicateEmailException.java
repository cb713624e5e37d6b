package io.messagedriven.domain.user;

import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.TenantId;

/**
 * The tenant already has a user with this email address, ignoring case. The same address in
 * another tenant is fine. Nothing was written.
 */
public final class DuplicateEmailException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final transient TenantId tenantId;
  private final transient Email email;

  public DuplicateEmailException(TenantId tenantId, Email email) {
    super("email \"" + email + "\" is already used in tenant " + tenantId);
    this.tenantId = tenantId;
    this.email = email;
  }

  public TenantId tenantId() {
    return tenantId;
  }

  public Email email() {
    return email;
  }
}
