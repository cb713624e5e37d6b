package io.messagedriven.application.operations;

import io.messagedriven.application.operations.port.TenantCounts;
import java.time.Duration;
import java.util.List;

/**
 * The figures of a status page: events per status and lag, per tenant and in total.
 *
 * @param tenants the tenants that hold events or are paused, by slug
 * @param pending pending events in total
 * @param inFlight events in flight in total
 * @param published published events in total
 * @param failed failed events in total
 * @param lag the largest lag of any tenant (the age of the oldest due event); zero when none is due
 */
public record StatusReport(
    List<TenantCounts> tenants, long pending, long inFlight, long published, long failed, Duration lag) {
  public StatusReport {
    tenants = List.copyOf(tenants);
  }

  /** The report of {@code tenants}, with the totals summed up. */
  static StatusReport of(List<TenantCounts> tenants) {
    Duration lag = Duration.ZERO;
    long pending = 0;
    long inFlight = 0;
    long published = 0;
    long failed = 0;
    for (TenantCounts counts : tenants) {
      pending += counts.pending();
      inFlight += counts.inFlight();
      published += counts.published();
      failed += counts.failed();
      lag = counts.lag().compareTo(lag) > 0 ? counts.lag() : lag;
    }
    return new StatusReport(tenants, pending, inFlight, published, failed, lag);
  }

  /** Every event, whatever its status. */
  public long total() {
    return pending + inFlight + published + failed;
  }
}
