package io.messagedriven.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.PageRequest;
import io.messagedriven.application.Page;
import io.messagedriven.application.operations.BulkResult;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.PublisherStatus;
import io.messagedriven.application.operations.StatusReport;
import io.messagedriven.application.operations.UnknownEventException;
import io.messagedriven.application.operations.port.CauseGroup;
import io.messagedriven.application.operations.port.EventDetail;
import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.application.operations.port.EventSummary;
import io.messagedriven.application.operations.port.HeldAggregate;
import io.messagedriven.application.operations.port.MinuteCount;
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.PublisherHeartbeat;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operation of {@link PostgresStore#operations()}, through {@link Operations}, on real PostgreSQL. */
class OperationsIT {
  private static final Duration LEASE = Duration.ofMinutes(1);
  private PostgresStore store;
  private OutboxPort outbox;
  private Operations operations;
  private Jdbi sql;
  private Tenant acme;
  private Tenant globex;

  @BeforeEach
  void freshDatabase() {
    String url = TestDatabase.freshUrl();
    store = PostgresStore.builder().jdbcUrl(url).build();
    outbox = store.outbox();
    operations = new Operations(store.operations(), Clock.systemUTC(), Duration.ofSeconds(5));
    sql = Jdbi.create(url);
    acme = newTenant("acme");
    globex = newTenant("globex");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void statusCountsEventsPerStatusPerTenantAndInTotal() {
    Event published = append(acme, "a1", "User.created");
    append(acme, "a2", "User.created");
    Event failed = append(globex, "g1", "User.created");
    Event inFlight = append(globex, "g2", "User.created");
    outbox.markPublished(List.of(claim(published)));
    outbox.markFailed(claim(failed), failure("boom"));
    claim(inFlight);

    StatusReport all = operations.status(null);

    assertThat(all.tenants()).extracting(TenantCounts::slug).containsExactly("acme", "globex");
    assertThat(all.tenants().get(0)).extracting(TenantCounts::pending, TenantCounts::inFlight, TenantCounts::published,
        TenantCounts::failed).containsExactly(1L, 0L, 1L, 0L);
    assertThat(all.tenants().get(1)).extracting(TenantCounts::pending, TenantCounts::inFlight, TenantCounts::published,
        TenantCounts::failed).containsExactly(0L, 1L, 0L, 1L);
    assertThat(List.of(all.pending(), all.inFlight(), all.published(), all.failed())).containsExactly(1L, 1L, 1L, 1L);
    assertThat(operations.status(acme.id()).tenants()).singleElement().extracting(TenantCounts::slug).isEqualTo("acme");
  }

  @Test
  void lagIsTheAgeOfTheOldestDueEvent() {
    Event old = append(acme, "a1", "User.created");
    sql.useHandle(h -> h.execute(
        "update message_driven.events set next_attempt_at = now() - interval '90 seconds' where id = ?", old.id().value()));
    append(globex, "g1", "User.created");

    StatusReport status = operations.status(null);

    assertThat(status.lag()).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(150));
    assertThat(operations.status(globex.id()).lag()).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void publishedPerMinuteCountsEachAcknowledgementInItsMinute() {
    for (int i = 0; i < 3; i++) {
      outbox.markPublished(List.of(claim(append(acme, "a" + i, "User.created"))));
    }
    outbox.markPublished(List.of(claim(append(globex, "g", "User.created"))));

    List<MinuteCount> minutes = operations.publishedPerMinute(null);

    assertThat(minutes).hasSize(60);
    assertThat(minutes.stream().mapToLong(MinuteCount::published).sum()).isEqualTo(4);
    assertThat(operations.publishedPerMinute(acme.id()).stream().mapToLong(MinuteCount::published).sum()).isEqualTo(3);
  }

  @Test
  void failuresAreGroupedByClassAndMessageWithIdsNumbersAndQuotesStripped() {
    List<EventId> notFound = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Event event = append(acme, "a" + i, "User.created");
      notFound.add(event.id());
      outbox.markFailed(claim(event), failure("order " + (40 + i) + " of '" + event.id() + "' not found"));
    }
    outbox.markFailed(claim(append(globex, "g", "User.created")), failure("order 7 of 'x' not found"));
    outbox.markFailed(claim(append(acme, "z", "User.created")), Failure.of(new IllegalArgumentException("bad payload")));

    List<CauseGroup> causes = operations.failures(null, 10);

    assertThat(causes).hasSize(2);
    CauseGroup largest = causes.get(0);
    assertThat(largest.count()).isEqualTo(4);
    assertThat(largest.errorClass()).isEqualTo(IllegalStateException.class.getName());
    assertThat(largest.message()).isEqualTo("order ? of ? not found");
    assertThat(largest.key()).matches("[0-9a-f]{16}");
    assertThat(largest.examples()).hasSizeBetween(1, 5).containsAnyElementsOf(notFound);
    assertThat(largest.firstSeen()).isBeforeOrEqualTo(largest.lastSeen());
    assertThat(operations.failures(acme.id(), 10)).extracting(CauseGroup::count).containsExactly(3L, 1L);
  }

  @Test
  void heldBackAggregatesShowTheirFailingHeadAndHowManyWaitBehindIt() {
    Event head = append(acme, "stuck", "User.created");
    append(acme, "stuck", "User.renamed");
    append(acme, "stuck", "User.renamed");
    append(acme, "fine", "User.created");
    outbox.retryLater(claim(head), Duration.ofMinutes(5), failure("timeout after 30 s"));

    List<HeldAggregate> held = operations.heldBack(null, 10);

    assertThat(held).singleElement().satisfies(h -> {
      assertThat(h.head()).isEqualTo(head.id());
      assertThat(h.aggregateId()).isEqualTo("stuck");
      assertThat(h.headStatus()).isEqualTo(EventStatus.PENDING);
      assertThat(h.waiting()).isEqualTo(2);
      assertThat(h.errorMessage()).isEqualTo("timeout after 30 s");
    });
    assertThat(operations.heldBack(globex.id(), 10)).isEmpty();
  }

  @Test
  void eventsAreListedNewestFirstByFilterInKeysetPages() {
    List<Event> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      written.add(append(acme, "a", i % 2 == 0 ? "User.created" : "User.renamed"));
    }
    append(globex, "a", "User.created");

    EventFilter acmeCreated = EventFilter.all().forTenant(acme.id()).withName("User.created");
    Page<EventSummary> first = operations.events(acmeCreated, PageRequest.first(2));
    Page<EventSummary> second = operations.events(acmeCreated, PageRequest.after(first.nextCursor(), 2));

    assertThat(first.items()).extracting(EventSummary::id).containsExactly(written.get(4).id(), written.get(2).id());
    assertThat(second.items()).extracting(EventSummary::id).containsExactly(written.get(0).id());
    assertThat(second.hasNext()).isFalse();
    assertThat(operations.events(EventFilter.all().withAggregate("User", "a"), PageRequest.first(100)).items()).hasSize(6);
    assertThat(operations.events(EventFilter.all().withStatus(EventStatus.PENDING).occurredBetween(
        Instant.now().plusSeconds(60), null), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void oneEventIsShownInFullWithItsLastError() {
    Event event = append(acme, "a", "User.created");
    outbox.markFailed(claim(event), failure("boom 1"));

    EventDetail detail = operations.event(event.id());

    assertThat(detail.record().event()).isEqualTo(event);
    assertThat(detail.record().status()).isEqualTo(EventStatus.FAILED);
    assertThat(detail.record().attempts()).isOne();
    assertThat(detail.record().lastError().stackTrace()).contains("IllegalStateException: boom 1");
    assertThat(detail.tenantSlug()).isEqualTo("acme");
    assertThat(detail.cause()).isEqualTo(operations.failures(null, 1).get(0).key());
    assertThatThrownBy(() -> operations.event(EventId.random())).isInstanceOf(UnknownEventException.class);
  }

  @Test
  void requeueByIdIsRefusedWhileAnotherEventOfTheAggregateIsInFlight() {
    Event first = append(acme, "a", "User.created");
    Event second = append(acme, "a", "User.renamed");
    outbox.markFailed(claim(first), failure("bad"));
    ClaimedEvent running = claim(second);

    assertThat(operations.requeue(first.id())).isEqualTo(new BulkResult(0, 1, false));

    outbox.markPublished(List.of(running));
    assertThat(operations.requeue(first.id())).isEqualTo(new BulkResult(1, 0, false));
    assertThat(operations.event(first.id()).record().status()).isEqualTo(EventStatus.PENDING);
    assertThatThrownBy(() -> operations.requeue(EventId.random())).isInstanceOf(UnknownEventException.class);
  }

  @Test
  void bulkRequeueByCauseRequeuesAHundredThousandFailedEventsInBoundedBatches() {
    Event sample = append(acme, "sample", "User.created");
    outbox.markFailed(claim(sample), failure("order 1 not found"));
    sql.useHandle(h -> h.execute("""
        insert into message_driven.events (id, tenant_id, aggregate_type, aggregate_id, name, payload, occurred_at,
            status, attempts, last_error_class, last_error_message, last_error_cause, failed_at)
        select gen_random_uuid(), ?, 'User', 'u' || n, 'User.created', '{}', now(), 'FAILED', 3,
               'java.lang.IllegalStateException', 'order ' || n || ' not found',
               message_driven.failure_cause('java.lang.IllegalStateException', 'order ' || n || ' not found'), now()
        from generate_series(1, 99999) n
        """, acme.id().value()));
    outbox.markFailed(claim(append(acme, "other", "User.created")), failure("something else"));
    String cause = operations.event(sample.id()).cause();

    BulkResult requeued = operations.requeue(EventFilter.all().withCause(cause), Operations.MAX_BULK);

    assertThat(requeued).isEqualTo(new BulkResult(100_000, 0, false));
    assertThat(operations.status(acme.id()).pending()).isEqualTo(100_000);
    assertThat(operations.failures(null, 10)).singleElement().extracting(CauseGroup::count).isEqualTo(1L);
  }

  @Test
  void bulkRequeueStopsAtItsBoundAndSaysMoreAreLeft() {
    for (int i = 0; i < 5; i++) {
      outbox.markFailed(claim(append(acme, "a" + i, "User.created")), failure("bad"));
    }

    assertThat(operations.requeue(EventFilter.all().forTenant(acme.id()), 3)).isEqualTo(new BulkResult(3, 0, true));
    assertThat(operations.requeue(EventFilter.all(), 3)).isEqualTo(new BulkResult(2, 0, false));
  }

  @Test
  void deleteByIdAndByFilterSkipsAggregatesWithAnEventInFlight() {
    Event lone = append(acme, "lone", "User.created");
    Event busyHead = append(acme, "busy", "User.created");
    Event busyNext = append(acme, "busy", "User.renamed");
    Event kept = append(globex, "g", "User.created");
    ClaimedEvent running = claimed(busyHead);

    assertThat(operations.delete(EventFilter.all().forTenant(acme.id()), 100)).isEqualTo(new BulkResult(1, 2, false));
    assertThat(operations.delete(busyNext.id())).isEqualTo(new BulkResult(0, 1, false));

    outbox.markPublished(List.of(running));
    assertThat(operations.delete(busyNext.id())).isEqualTo(new BulkResult(1, 0, false));
    assertThatThrownBy(() -> operations.event(lone.id())).isInstanceOf(UnknownEventException.class);
    assertThat(operations.event(kept.id()).record().status()).isEqualTo(EventStatus.PENDING);
  }

  @Test
  void aPausedTenantIsNotClaimedUntilItIsResumed() {
    Event paused = append(acme, "a", "User.created");
    Event other = append(globex, "g", "User.created");

    assertThat(operations.pause(acme.id(), "billing outage")).isTrue();
    assertThat(operations.pause(acme.id(), "again")).isFalse();

    assertThat(outbox.claim("p", 10, LEASE)).extracting(c -> c.event().id()).containsExactly(other.id());
    assertThat(operations.paused()).singleElement().satisfies(p -> {
      assertThat(p.slug()).isEqualTo("acme");
      assertThat(p.reason()).isEqualTo("billing outage");
    });
    assertThat(operations.status(acme.id()).tenants().get(0).paused()).isTrue();

    assertThat(operations.resume(acme.id())).isTrue();
    assertThat(operations.resume(acme.id())).isFalse();
    assertThat(outbox.claim("p", 10, LEASE)).extracting(c -> c.event().id()).containsExactly(paused.id());
  }

  @Test
  void publishersAreSeenByTheirHeartbeatAndShownStoppedOnceTheySignOff() {
    Instant started = Instant.parse("2026-01-01T00:00:00Z");
    outbox.heartbeat(new PublisherHeartbeat("p-1", "host-a", started, 7));
    outbox.heartbeat(new PublisherHeartbeat("p-2", "host-b", started, 0));
    outbox.signOff("p-2");
    outbox.heartbeat(new PublisherHeartbeat("p-3", "host-c", started, 0));
    sql.useHandle(h -> h.execute(
        "update message_driven.publishers set last_seen_at = now() - interval '1 minute' where owner = 'p-3'"));

    List<PublisherStatus> publishers = operations.publishers();

    assertThat(publishers).extracting(p -> p.publisher().owner() + ":" + p.state())
        .containsExactlyInAnyOrder("p-1:ALIVE", "p-2:STOPPED", "p-3:GONE");
    assertThat(publishers).filteredOn(p -> p.publisher().owner().equals("p-1")).singleElement().satisfies(p -> {
      assertThat(p.publisher().host()).isEqualTo("host-a");
      assertThat(p.publisher().inFlight()).isEqualTo(7);
      assertThat(p.publisher().startedAt()).isEqualTo(started);
    });
  }

  @Test
  void purgeDeletesPublishedEventsOlderThanTheRetention() {
    Event old = append(acme, "a", "User.created");
    outbox.markPublished(List.of(claim(old)));
    sql.useHandle(h -> h.execute(
        "update message_driven.events set published_at = now() - interval '2 days' where id = ?", old.id().value()));
    outbox.markPublished(List.of(claim(append(acme, "b", "User.created"))));

    assertThat(operations.purgePublished(Duration.ofDays(1), 1_000)).isEqualTo(new BulkResult(1, 0, false));
    assertThat(operations.status(null).published()).isEqualTo(1);
  }

  @Test
  void anUnknownTenantIsRefusedByName() {
    TenantId unknown = TenantId.random();
    assertThatThrownBy(() -> operations.status(unknown)).isInstanceOf(UnknownTenantException.class);
    assertThatThrownBy(() -> operations.pause(unknown, null)).isInstanceOf(UnknownTenantException.class);
    assertThat(operations.tenant("acme")).isEqualTo(acme.id());
    assertThat(operations.tenant(globex.id().toString())).isEqualTo(globex.id());
  }

  private ClaimedEvent claim(Event event) {
    return claimed(event);
  }

  /** Claims {@code event} alone, giving back whatever else the claim took. */
  private ClaimedEvent claimed(Event event) {
    List<ClaimedEvent> claimed = outbox.claim("p", 100, LEASE);
    List<ClaimedEvent> others = new ArrayList<>(claimed);
    others.removeIf(c -> c.event().id().equals(event.id()));
    outbox.release(others);
    return claimed.stream().filter(c -> c.event().id().equals(event.id())).findFirst().orElseThrow();
  }

  private Event append(Tenant owner, String aggregateId, String name) {
    Event event = Event.raise(owner.id(), "User", aggregateId, name, "{\"n\":1}", Instant.now());
    store.transactions().inTenant(owner.id(), tx -> {
      tx.outbox().append(event);
      return null;
    });
    return event;
  }

  private Tenant newTenant(String slug) {
    return new CreateTenant(store.transactions(), Clock.systemUTC()).handle(new CreateTenantCommand(slug, slug));
  }

  private static Failure failure(String message) {
    return Failure.of(new IllegalStateException(message));
  }
}
