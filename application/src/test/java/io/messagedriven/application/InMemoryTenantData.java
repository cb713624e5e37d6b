package io.messagedriven.application;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHistory;
import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.TenantRepository;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.application.port.UserRepository;
import io.messagedriven.domain.Email;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.User;
import io.messagedriven.domain.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tenants, users and events in memory, scoped the way PostgreSQL's row-level security scopes
 * them: a unit of work of one tenant sees that tenant's users and events only, one with no tenant
 * sees none of them. Counts the transactions it runs.
 */
final class InMemoryTenantData implements Transactions {
  private static final Comparator<User> CREATION_ORDER =
      Comparator.comparing(User::createdAt).thenComparing(user -> user.id().toString());

  final List<Tenant> tenants = new ArrayList<>();
  final List<User> users = new ArrayList<>();
  final List<EventRecord> events = new ArrayList<>();
  int transactions;

  @Override
  public <T> T inTenant(TenantId tenant, Function<UnitOfWork, T> work) {
    transactions++;
    return work.apply(new Unit(Objects.requireNonNull(tenant)));
  }

  @Override
  public <T> T withoutTenant(Function<UnitOfWork, T> work) {
    transactions++;
    return work.apply(new Unit(null));
  }

  /** Replaces the stored record of an event, as a publisher's acknowledgement would. */
  void update(EventRecord record) {
    events.replaceAll(old -> old.position() == record.position() ? record : old);
  }

  private final class Unit implements UnitOfWork, TenantRepository, UserRepository, OutboxPort, EventHistory {
    private final TenantId scope;

    Unit(TenantId scope) {
      this.scope = scope;
    }

    private boolean visible(TenantId tenant) {
      return tenant.equals(scope);
    }

    @Override
    public TenantRepository tenants() {
      return this;
    }

    @Override
    public UserRepository users() {
      return this;
    }

    @Override
    public OutboxPort outbox() {
      return this;
    }

    @Override
    public EventHistory history() {
      return this;
    }

    @Override
    public Optional<Tenant> findById(TenantId id) {
      return tenants.stream().filter(t -> t.id().equals(id) && (scope == null || visible(t.id()))).findFirst();
    }

    @Override
    public Optional<Tenant> findBySlug(String slug) {
      return tenants.stream().filter(t -> t.slug().equals(slug) && (scope == null || visible(t.id()))).findFirst();
    }

    @Override
    public void add(Tenant tenant) {
      tenants.add(tenant);
    }

    @Override
    public Optional<User> findById(TenantId tenant, UserId id) {
      return users.stream().filter(u -> visible(u.tenantId()) && u.tenantId().equals(tenant) && u.id().equals(id))
          .findFirst();
    }

    @Override
    public Optional<User> findByEmail(TenantId tenant, Email email) {
      return users.stream()
          .filter(u -> visible(u.tenantId()) && u.tenantId().equals(tenant)
              && u.email().canonical().equals(email.canonical()))
          .findFirst();
    }

    @Override
    public void add(User user) {
      users.add(user);
    }

    @Override
    public List<User> list(TenantId tenant, After after, int limit) {
      return users.stream()
          .filter(u -> visible(u.tenantId()) && u.tenantId().equals(tenant))
          .filter(u -> after == null || isAfter(u, after))
          .sorted(CREATION_ORDER)
          .limit(limit)
          .toList();
    }

    private static boolean isAfter(User user, After after) {
      int byTime = user.createdAt().compareTo(after.createdAt());
      return byTime > 0 || byTime == 0 && user.id().toString().compareTo(after.id().toString()) > 0;
    }

    @Override
    public List<EventRecord> of(TenantId tenant, String aggregateType, String aggregateId, long afterPosition, int limit) {
      return events.stream()
          .filter(r -> visible(r.event().tenantId()) && r.event().tenantId().equals(tenant))
          .filter(r -> r.event().aggregateType().equals(aggregateType) && r.event().aggregateId().equals(aggregateId))
          .filter(r -> r.position() > afterPosition)
          .limit(limit)
          .toList();
    }

    @Override
    public void append(Collection<Event> appended) {
      for (Event event : appended) {
        events.add(new EventRecord(
            events.size() + 1L, event, EventStatus.PENDING, 0, event.occurredAt(), null, null, null));
      }
    }

    @Override
    public List<ClaimedEvent> claim(String owner, int limit, Duration lease) {
      throw new UnsupportedOperationException("not a publisher's outbox");
    }

    @Override
    public Set<EventId> markPublished(Collection<ClaimedEvent> claimed) {
      throw new UnsupportedOperationException("not a publisher's outbox");
    }

    @Override
    public boolean retryLater(ClaimedEvent event, Duration delay, Failure failure) {
      throw new UnsupportedOperationException("not a publisher's outbox");
    }

    @Override
    public boolean markFailed(ClaimedEvent event, Failure failure) {
      throw new UnsupportedOperationException("not a publisher's outbox");
    }

    @Override
    public int release(Collection<ClaimedEvent> claimed) {
      throw new UnsupportedOperationException("not a publisher's outbox");
    }
  }
}
