package io.messagedriven.jdbi.internal;

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
import org.jdbi.v3.core.Jdbi;

/** The operations port on the outbox's tables, on the cross-tenant path the publishers use. */
public final class JdbiOperations implements OperationsPort {
  private final Jdbi jdbi;

  JdbiOperations(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private static UnsupportedOperationException notYet() {
    return new UnsupportedOperationException("being built on branch ops");
  }

  @Override public Optional<Tenant> tenant(TenantId id) { throw notYet(); }
  @Override public Optional<Tenant> tenantBySlug(String slug) { throw notYet(); }
  @Override public List<TenantCounts> counts(TenantId tenant) { throw notYet(); }
  @Override public List<MinuteCount> publishedPerMinute(TenantId tenant, Duration window) { throw notYet(); }
  @Override public List<CauseGroup> causes(TenantId tenant, int limit, int examples) { throw notYet(); }
  @Override public List<HeldAggregate> heldBack(TenantId tenant, int limit) { throw notYet(); }
  @Override public List<EventSummary> events(EventFilter filter, long beforePosition, int limit) { throw notYet(); }
  @Override public Optional<EventDetail> event(EventId id) { throw notYet(); }
  @Override public Batch requeue(Collection<EventId> ids) { throw notYet(); }
  @Override public Batch requeue(EventFilter filter, long afterPosition, int limit) { throw notYet(); }
  @Override public Batch delete(Collection<EventId> ids) { throw notYet(); }
  @Override public Batch delete(EventFilter filter, long afterPosition, int limit) { throw notYet(); }
  @Override public int purgePublished(Duration olderThan, int limit) { throw notYet(); }
  @Override public boolean pause(TenantId tenant, String reason) { throw notYet(); }
  @Override public boolean resume(TenantId tenant) { throw notYet(); }
  @Override public List<PausedTenant> paused() { throw notYet(); }
  @Override public List<PublisherRow> publishers() { throw notYet(); }
}
