package io.messagedriven.admin.dashboard;

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
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An operations port that holds nothing but one tenant and records every change asked of it: the
 * guard's tests check which requests reach the operations, not what SQL does (the browser test
 * does that on PostgreSQL).
 */
final class RecordingOperations implements OperationsPort {
  static final Tenant ACME = new Tenant(TenantId.random(), "acme", "Acme", Instant.parse("2026-01-01T00:00:00Z"));

  final List<String> changes = new CopyOnWriteArrayList<>();

  @Override
  public Optional<Tenant> tenant(TenantId id) {
    return ACME.id().equals(id) ? Optional.of(ACME) : Optional.empty();
  }

  @Override
  public Optional<Tenant> tenantBySlug(String slug) {
    return ACME.slug().equals(slug) ? Optional.of(ACME) : Optional.empty();
  }

  @Override
  public List<TenantCounts> counts(TenantId tenant) {
    return List.of(new TenantCounts(ACME.id(), ACME.slug(), 3, 0, 5, 1, Duration.ofSeconds(2), false));
  }

  @Override
  public List<MinuteCount> publishedPerMinute(TenantId tenant, Duration window) {
    return List.of();
  }

  @Override
  public List<CauseGroup> causes(TenantId tenant, int limit, int examples) {
    return List.of();
  }

  @Override
  public List<HeldAggregate> heldBack(TenantId tenant, int limit) {
    return List.of();
  }

  @Override
  public List<EventSummary> events(EventFilter filter, long beforePosition, int limit) {
    return List.of();
  }

  @Override
  public Optional<EventDetail> event(EventId id) {
    return Optional.empty();
  }

  @Override
  public Batch requeue(Collection<EventId> ids) {
    changes.add("requeue " + ids);
    return new Batch(ids.size(), ids.size(), 0);
  }

  @Override
  public Batch requeue(EventFilter filter, long afterPosition, int limit) {
    changes.add("requeue " + filter.cause());
    return new Batch(0, 0, 0);
  }

  @Override
  public Batch delete(Collection<EventId> ids) {
    changes.add("delete " + ids);
    return new Batch(ids.size(), ids.size(), 0);
  }

  @Override
  public Batch delete(EventFilter filter, long afterPosition, int limit) {
    changes.add("delete " + filter);
    return new Batch(0, 0, 0);
  }

  @Override
  public int purgePublished(Duration olderThan, int limit) {
    changes.add("purge");
    return 0;
  }

  @Override
  public boolean pause(TenantId tenant, String reason) {
    changes.add("pause " + tenant + " " + reason);
    return true;
  }

  @Override
  public boolean resume(TenantId tenant) {
    changes.add("resume " + tenant);
    return true;
  }

  @Override
  public List<PausedTenant> paused() {
    return List.of();
  }

  @Override
  public List<PublisherRow> publishers() {
    return List.of();
  }
}
