package io.messagedriven.application.operations;

import io.messagedriven.application.operations.port.Batch;
import io.messagedriven.application.operations.port.CauseGroup;
import io.messagedriven.application.operations.port.EventDetail;
import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.application.operations.port.EventSummary;
import io.messagedriven.application.operations.port.HeldAggregate;
import io.messagedriven.application.operations.port.MinuteCount;
import io.messagedriven.application.operations.port.OperationsPort;
import io.messagedriven.application.operations.port.PausedTenant;
import io.messagedriven.application.operations.port.PublisherRow;
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A port every call of which fails the test; override what a test expects to be called. */
class UnexpectedPort implements OperationsPort {
  private static AssertionError unexpected(String call) {
    return new AssertionError("unexpected call of the port: " + call);
  }

  @Override public Optional<Tenant> tenant(TenantId id) { throw unexpected("tenant"); }
  @Override public Optional<Tenant> tenantBySlug(String slug) { throw unexpected("tenantBySlug"); }
  @Override public List<TenantCounts> counts(TenantId tenant) { throw unexpected("counts"); }
  @Override public List<MinuteCount> publishedPerMinute(TenantId tenant, Duration window) { throw unexpected("publishedPerMinute"); }
  @Override public List<CauseGroup> causes(TenantId tenant, int limit, int examples) { throw unexpected("causes"); }
  @Override public List<HeldAggregate> heldBack(TenantId tenant, int limit) { throw unexpected("heldBack"); }
  @Override public List<EventSummary> events(EventFilter filter, long beforePosition, int limit) { throw unexpected("events"); }
  @Override public Optional<EventDetail> event(EventId id) { throw unexpected("event"); }
  @Override public Batch requeue(Collection<EventId> ids) { throw unexpected("requeue ids"); }
  @Override public Batch requeue(EventFilter filter, long afterPosition, int limit) { throw unexpected("requeue filter"); }
  @Override public Batch delete(Collection<EventId> ids) { throw unexpected("delete ids"); }
  @Override public Batch delete(EventFilter filter, long afterPosition, int limit) { throw unexpected("delete filter"); }
  @Override public int purgePublished(Duration olderThan, int limit) { throw unexpected("purgePublished"); }
  @Override public boolean pause(TenantId tenant, String reason) { throw unexpected("pause"); }
  @Override public boolean resume(TenantId tenant) { throw unexpected("resume"); }
  @Override public List<PausedTenant> paused() { throw unexpected("paused"); }
  @Override public List<PublisherRow> publishers() { throw unexpected("publishers"); }
}
