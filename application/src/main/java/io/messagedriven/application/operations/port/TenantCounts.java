package io.messagedriven.application.operations.port;

import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.util.Objects;

/**
 * The events of one tenant per status, and its lag.
 *
 * @param tenant the tenant
 * @param slug its slug
 * @param pending events waiting for a first attempt or a retry
 * @param inFlight events leased to a publisher
 * @param published events published and not yet purged
 * @param failed events failed for good
 * @param lag the age of its oldest due event: how long the pending event that has been due the
 *     longest has waited; zero when none is due
 * @param paused whether publishing is paused for the tenant
 */
public record TenantCounts(
    TenantId tenant, String slug, long pending, long inFlight, long published, long failed, Duration lag, boolean paused) {
  public TenantCounts {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(lag, "lag");
  }

  /** Every event of the tenant, whatever its status. */
  public long total() {
    return pending + inFlight + published + failed;
  }
}
