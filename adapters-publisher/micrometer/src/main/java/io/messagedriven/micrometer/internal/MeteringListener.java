package io.messagedriven.micrometer.internal;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.publishing.PublishingListener;
import java.time.Clock;
import java.time.Duration;

/** Counts the outcomes a publisher records for one target, and times occurrence to publication. */
public final class MeteringListener implements PublishingListener {
  private final Meters meters;
  private final String target;
  private final Clock clock;

  public MeteringListener(Meters meters, String target, Clock clock) {
    this.meters = meters;
    this.target = target;
    this.clock = clock;
  }

  @Override
  public void published(ClaimedEvent claimed) {
    meters.count(Meters.PUBLISHED, "events marked published", target, claimed.event());
    meters.time(Meters.LATENCY, "from the event's occurredAt to its publication being recorded",
        meters.tags(target, claimed.event()), Duration.between(claimed.event().occurredAt(), clock.instant()));
  }

  @Override
  public void retried(ClaimedEvent claimed, Duration delay, Failure failure) {
    meters.count(Meters.RETRIED, "failed attempts put back for a retry", target, claimed.event());
  }

  @Override
  public void failed(ClaimedEvent claimed, Failure failure) {
    meters.count(Meters.FAILED, "events failed for good", target, claimed.event());
  }

  @Override
  public void unavailable(ClaimedEvent claimed, Failure failure) {
    meters.count(Meters.UNAVAILABLE, "attempts given back while the target was unavailable", target, claimed.event());
  }

  @Override
  public void leaseLost(ClaimedEvent claimed) {
    meters.count(Meters.LEASE_LOST, "outcomes not recorded because the lease had passed to another publisher",
        target, claimed.event());
  }

  @Override
  public String toString() {
    return "metering(" + target + ")";
  }
}
