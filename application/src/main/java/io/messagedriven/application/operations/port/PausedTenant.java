package io.messagedriven.application.operations.port;

import io.messagedriven.domain.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant whose events publishers do not claim.
 *
 * @param tenant the tenant
 * @param slug its slug
 * @param pausedAt when it was paused
 * @param reason what the operator gave as the reason; may be empty
 */
public record PausedTenant(TenantId tenant, String slug, Instant pausedAt, String reason) {
  public PausedTenant {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(pausedAt, "pausedAt");
    reason = reason == null ? "" : reason;
  }
}
