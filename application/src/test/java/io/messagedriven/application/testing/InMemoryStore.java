package io.messagedriven.application.testing;

import io.messagedriven.domain.DuplicateSlugException;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.domain.user.DuplicateEmailException;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHistory;
import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.NoTransactionException;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.PublisherHeartbeat;
import io.messagedriven.application.port.TenantRepository;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.application.user.port.UserRepository;
import io.messagedriven.application.user.port.Users;
import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import io.messagedriven.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The persistence ports in memory, for unit tests: one object is the transaction boundary, the
 * unit of work, both repositories and the outbox.
 *
 * <p>A transaction works on a copy of the committed state, which it replaces only when its work
 * returns: work that throws leaves nothing behind. Inside {@link #inTenant} only that tenant's
 * users and events are visible and writable, inside {@link #withoutTenant} none are, as with
 * row-level security. Outbox calls made outside a transaction (a publisher's) each run in a
 * transaction of their own, across tenants. A claim leases the oldest unfinished event of each
 * aggregate when it is due; acknowledgements are fenced by the lease token. An event's position
 * in the history is its place in write order.
 */
public final class InMemoryStore
    implements Transactions, UnitOfWork, TenantRepository, UserRepository, Users, OutboxPort {

  public enum Status { PENDING, IN_FLIGHT, PUBLISHED, FAILED }

  /**
   * One outbox row. {@code nextAttemptAt} is the lease's end while in flight; {@code delivered}
   * the targets that acknowledged the event.
   */
  public record Row(
      long position, Event event, Status status, int attempts, Instant nextAttemptAt, String leaseOwner,
      UUID leaseToken, Failure lastFailure, Set<String> delivered) {

    public boolean unfinished() {
      return status == Status.PENDING || status == Status.IN_FLIGHT;
    }

    public List<Object> aggregate() {
      return List.of(event.tenantId(), event.aggregateType(), event.aggregateId());
    }

    public Row to(Status next, int attemptCount, Instant due, String owner, UUID token, Failure failure) {
      return new Row(position, event, next, attemptCount, due, owner, token, failure, delivered);
    }

    public Row reaching(Set<String> targets) {
      return new Row(position, event, status, attempts, nextAttemptAt, leaseOwner, leaseToken, lastFailure,
          Set.copyOf(targets));
    }
  }

  private static final class State {
    final Map<TenantId, Tenant> tenants = new LinkedHashMap<>();
    final Map<UserId, User> users = new LinkedHashMap<>();
    final Map<EventId, Row> events = new LinkedHashMap<>();

    State copy() {
      State copy = new State();
      copy.tenants.putAll(tenants);
      copy.users.putAll(users);
      copy.events.putAll(events);
      return copy;
    }
  }

  private final Clock clock;
  private State committed = new State();
  private State open;
  private TenantId scope;
  private int transactions;
  private RuntimeException appendFailure;
  private long written;

  public InMemoryStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized <T> T inTenant(TenantId tenant, Function<UnitOfWork, T> work) {
    return transaction(Objects.requireNonNull(tenant, "tenant"), work);
  }

  @Override
  public synchronized <T> T withoutTenant(Function<UnitOfWork, T> work) {
    return transaction(null, work);
  }

  private <T> T transaction(TenantId tenant, Function<UnitOfWork, T> work) {
    if (open != null) {
      throw new IllegalStateException("transactions do not nest");
    }
    transactions++;
    open = committed.copy();
    scope = tenant;
    try {
      T result = work.apply(this);
      committed = open;
      return result;
    } finally {
      open = null;
      scope = null;
    }
  }

  @Override
  public TenantRepository tenants() {
    current();
    return this;
  }

  @Override
  public UserRepository in(UnitOfWork work) {
    if (work != this) {
      throw new IllegalArgumentException("not a unit of work of this store: " + work);
    }
    current();
    return this;
  }

  @Override
  public OutboxPort outbox() {
    current();
    return this;
  }

  @Override
  public EventHistory history() {
    current();
    return this::history;
  }

  @Override
  public synchronized Optional<Tenant> findById(TenantId id) {
    return Optional.ofNullable(current().tenants.get(id));
  }

  @Override
  public synchronized Optional<Tenant> findBySlug(String slug) {
    return current().tenants.values().stream().filter(t -> t.slug().equals(slug)).findFirst();
  }

  @Override
  public synchronized void add(Tenant tenant) {
    State state = current();
    if (state.tenants.values().stream().anyMatch(t -> t.slug().equals(tenant.slug()))) {
      throw new DuplicateSlugException(tenant.slug());
    }
    if (state.tenants.putIfAbsent(tenant.id(), tenant) != null) {
      throw new IllegalStateException("primary key: tenant " + tenant.id() + " exists");
    }
  }

  @Override
  public synchronized Optional<User> findById(TenantId tenant, UserId id) {
    return visibleUsers(tenant).filter(u -> u.id().equals(id)).findFirst();
  }

  @Override
  public synchronized Optional<User> findByEmail(TenantId tenant, Email email) {
    return visibleUsers(tenant).filter(u -> u.email().canonical().equals(email.canonical())).findFirst();
  }

  @Override
  public synchronized List<User> list(TenantId tenant, After after, int limit) {
    return visibleUsers(tenant)
        .filter(u -> after == null || u.createdAt().isAfter(after.createdAt()) || u.createdAt()
            .equals(after.createdAt()) && u.id().toString().compareTo(after.id().toString()) > 0)
        .sorted(Comparator.comparing(User::createdAt).thenComparing(u -> u.id().toString()))
        .limit(limit).toList();
  }

  private synchronized List<EventRecord> history(
      TenantId tenant, String aggregateType, String aggregateId, long afterPosition, int limit) {
    List<EventRecord> found = new ArrayList<>();
    for (Row row : List.copyOf(current().events.values())) {
      Event event = row.event();
      if (found.size() < limit && row.position() > afterPosition && event.tenantId().equals(tenant)
          && event.tenantId().equals(scope)
          && event.aggregateType().equals(aggregateType) && event.aggregateId().equals(aggregateId)) {
        Instant at = row.nextAttemptAt();
        found.add(new EventRecord(row.position(), event, EventStatus.valueOf(row.status().name()), row.attempts(),
            row.unfinished() ? at : null, row.lastFailure(), row.status() == Status.PUBLISHED ? at : null,
            row.status() == Status.FAILED ? at : null, row.delivered()));
      }
    }
    return found;
  }

  private Stream<User> visibleUsers(TenantId tenant) {
    return current().users.values().stream()
        .filter(u -> u.tenantId().equals(tenant) && u.tenantId().equals(scope));
  }

  @Override
  public synchronized void add(User user) {
    State state = current();
    if (!state.tenants.containsKey(user.tenantId())) {
      throw new UnknownTenantException(user.tenantId()); // as the database's foreign key does
    }
    checkWritable(state, user.tenantId());
    boolean taken = state.users.values().stream().anyMatch(
        u -> u.tenantId().equals(user.tenantId()) && u.email().canonical().equals(user.email().canonical()));
    if (taken) {
      throw new DuplicateEmailException(user.tenantId(), user.email());
    }
    if (state.users.putIfAbsent(user.id(), user) != null) {
      throw new IllegalStateException("primary key: user " + user.id() + " exists");
    }
  }

  @Override
  public synchronized void append(Collection<Event> events) {
    if (open == null) {
      throw new NoTransactionException("append in a transaction");
    }
    write(state -> {
      if (appendFailure != null) {
        RuntimeException failure = appendFailure;
        appendFailure = null;
        throw failure;
      }
      for (Event event : events) {
        checkWritable(state, event.tenantId());
        Row row = new Row(++written, event, Status.PENDING, 0, clock.instant(), null, null, null, Set.of());
        if (state.events.putIfAbsent(event.id(), row) != null) {
          throw new IllegalStateException("unique: event " + event.id() + " exists");
        }
      }
      return null;
    });
  }

  @Override
  public synchronized List<ClaimedEvent> claim(String owner, int limit, Duration lease, Collection<EventId> skip) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner must name the claiming publisher, was " + owner);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    return write(state -> {
      Instant now = clock.instant();
      Set<List<Object>> blocked = new HashSet<>(); // aggregates with an unfinished event that cannot be claimed
      List<ClaimedEvent> claimed = new ArrayList<>();
      for (Row row : List.copyOf(state.events.values())) {
        if (claimed.size() == limit) {
          break;
        }
        if (!visible(row) || !row.unfinished() || blocked.contains(row.aggregate())) {
          continue;
        }
        if (row.nextAttemptAt().isAfter(now) || skip.contains(row.event().id())) {
          blocked.add(row.aggregate());
        } else {
          Row taken = row.to(Status.IN_FLIGHT, row.attempts() + 1, now.plus(lease), owner,
              UUID.randomUUID(), row.lastFailure());
          state.events.put(row.event().id(), taken);
          claimed.add(new ClaimedEvent(row.event().withSequence(row.position()), taken.attempts(), taken.leaseToken(),
              row.delivered()));
        }
      }
      return claimed;
    });
  }

  @Override
  public synchronized List<ClaimedEvent> claimAppended(String owner, Collection<EventId> appended, Duration lease) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner must name the claiming publisher, was " + owner);
    }
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    if (appended.size() > MAX_CLAIMED_BY_ID) {
      throw new IllegalArgumentException("at most " + MAX_CLAIMED_BY_ID + " ids per claim, were " + appended.size());
    }
    return write(state -> {
      Instant now = clock.instant();
      Set<List<Object>> stopped = new HashSet<>(); // aggregates with an unfinished event not to claim
      List<ClaimedEvent> claimed = new ArrayList<>();
      for (Row row : List.copyOf(state.events.values())) {
        if (!visible(row) || !row.unfinished() || stopped.contains(row.aggregate())) {
          continue;
        }
        if (!appended.contains(row.event().id()) || row.nextAttemptAt().isAfter(now)) {
          stopped.add(row.aggregate()); // a run starts at the oldest unfinished event and stops here
          continue;
        }
        Row taken = row.to(Status.IN_FLIGHT, row.attempts() + 1, now.plus(lease), owner,
            UUID.randomUUID(), row.lastFailure());
        state.events.put(row.event().id(), taken);
        claimed.add(new ClaimedEvent(row.event().withSequence(row.position()), taken.attempts(), taken.leaseToken(),
            row.delivered()));
      }
      return claimed;
    });
  }

  @Override
  public synchronized Set<EventId> markPublished(Collection<ClaimedEvent> events) {
    return write(state -> {
      Set<EventId> changed = new HashSet<>();
      for (ClaimedEvent event : events) {
        if (fenced(state, event, row -> row.to(Status.PUBLISHED, row.attempts(), clock.instant(), null, null, null))) {
          changed.add(event.event().id());
        }
      }
      return changed;
    });
  }

  @Override
  public synchronized boolean retryLater(ClaimedEvent event, Duration delay, Failure failure) {
    return write(state -> fenced(state, event,
        row -> row.to(Status.PENDING, row.attempts(), clock.instant().plus(delay), null, null, failure)
            .reaching(event.delivered())));
  }

  @Override
  public synchronized boolean markFailed(ClaimedEvent event, Failure failure) {
    return write(state -> fenced(state, event,
        row -> row.to(Status.FAILED, row.attempts(), clock.instant(), null, null, failure)
            .reaching(event.delivered())));
  }

  @Override
  public synchronized int release(Collection<ClaimedEvent> events) {
    return write(state -> (int) events.stream()
        .filter(event -> fenced(state, event, row -> row.to(Status.PENDING, Math.max(0, row.attempts() - 1),
            clock.instant(), null, null, row.lastFailure()).reaching(event.delivered())))
        .count());
  }

  /** Changes the row only while it is in flight under the claim's lease token. */
  private boolean fenced(State state, ClaimedEvent claimed, UnaryOperator<Row> change) {
    Row row = state.events.get(claimed.event().id());
    if (row == null || !visible(row) || row.status() != Status.IN_FLIGHT
        || !claimed.leaseToken().equals(row.leaseToken())) {
      return false;
    }
    state.events.put(row.event().id(), change.apply(row));
    return true;
  }

  /** Runs in the open transaction, or else in one of its own. */
  @Override
  public synchronized int requeue(Collection<EventId> ids) {
    return write(state -> {
      int requeued = 0;
      for (EventId id : ids) {
        Row row = state.events.get(id);
        boolean aggregateInFlight = row != null && state.events.values().stream()
            .anyMatch(o -> o.aggregate().equals(row.aggregate()) && o.status() == Status.IN_FLIGHT);
        if (row != null && row.status() == Status.FAILED && !aggregateInFlight) {
          state.events.put(id, row.to(Status.PENDING, 0, clock.instant(), null, null, row.lastFailure()));
          requeued++;
        }
      }
      return requeued;
    });
  }

  /** Published rows keep their publication time in {@code nextAttemptAt}. */
  @Override
  public synchronized int purgePublished(Duration olderThan, int limit) {
    Instant cutoff = clock.instant().minus(olderThan);
    return write(state -> {
      List<EventId> old = state.events.values().stream()
          .filter(row -> row.status() == Status.PUBLISHED && row.nextAttemptAt().isBefore(cutoff))
          .limit(limit).map(row -> row.event().id()).toList();
      old.forEach(state.events::remove);
      return old.size();
    });
  }

  private <T> T write(Function<State, T> work) {
    if (open != null) {
      return work.apply(open);
    }
    State working = committed.copy();
    T result = work.apply(working);
    committed = working;
    return result;
  }

  private State current() {
    if (open == null) {
      throw new IllegalStateException("repositories work inside a transaction only");
    }
    return open;
  }

  private boolean visible(Row row) {
    return open == null || row.event().tenantId().equals(scope);
  }

  private void checkWritable(State state, TenantId tenant) {
    if (open != null && !tenant.equals(scope)) {
      throw new IllegalStateException("row-level security: this transaction cannot write tenant " + tenant);
    }
    if (!state.tenants.containsKey(tenant)) {
      throw new IllegalStateException("foreign key: no tenant " + tenant);
    }
  }

  /** The next append, in or out of a transaction, throws {@code failure}. */
  public synchronized void failNextAppend(RuntimeException failure) {
    appendFailure = failure;
  }

  /** How many transactions {@link #inTenant} and {@link #withoutTenant} started. */
  public synchronized int transactionsStarted() {
    return transactions;
  }

  public synchronized List<Tenant> committedTenants() {
    return List.copyOf(committed.tenants.values());
  }

  public synchronized List<User> committedUsers() {
    return List.copyOf(committed.users.values());
  }

  public synchronized List<Event> committedEvents() {
    return committed.events.values().stream().map(Row::event).toList();
  }

  /** The committed row of an event. */
  public synchronized Row row(EventId id) {
    return Objects.requireNonNull(committed.events.get(id), () -> "no event " + id);
  }

  private final Map<String, PublisherHeartbeat> heartbeats = new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<String> signedOff = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public void heartbeat(PublisherHeartbeat heartbeat) {
    heartbeats.put(heartbeat.owner(), heartbeat);
    signedOff.remove(heartbeat.owner());
  }

  @Override
  public void signOff(String owner) {
    if (heartbeats.containsKey(owner)) {
      signedOff.add(owner);
    }
  }

  /** The latest heartbeat of each publisher. */
  public Map<String, PublisherHeartbeat> heartbeats() {
    return Map.copyOf(heartbeats);
  }

  /** The publishers that signed off. */
  public Set<String> signedOff() {
    return Set.copyOf(signedOff);
  }
}
