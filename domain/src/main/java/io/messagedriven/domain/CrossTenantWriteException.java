package io.messagedriven.domain;

/**
 * Work scoped to one tenant tried to write a row of another tenant (such as appending another
 * tenant's event inside {@code inTenant}), which row-level security refuses. Nothing was written.
 */
public final class CrossTenantWriteException extends DomainException {
  private static final long serialVersionUID = 1L;

  public CrossTenantWriteException(String message) {
    super(message);
  }
}
