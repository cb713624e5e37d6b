package io.messagedriven.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.NoTransactionException;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OutboxPort} must do, run once per implementation: the PostgreSQL adapter
 * and the in-memory fake the application's unit tests use. A rule the fake keeps is a rule this
 * suite holds the real adapter to.
 */
public abstract class OutboxPortContract {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Failure BOOM = new Failure("java.io.IOException", "boom", "java.io.IOException: boom");

  protected TenantId tenant;

  /** The transaction boundary events are appended in. */
  protected abstract Transactions transactions();

  /** The outbox publishers use, each call a transaction of its own across tenants. */
  protected abstract OutboxPort outbox();

  /** A new tenant that exists, with nothing in the outbox. */
  protected abstract TenantId newTenant();

  /** Lets at least {@code duration} pass for leases and backoff. */
  protected abstract void pass(Duration duration);

  /** The time events are stamped with. */
  protected Instant now() {
    return Instant.now();
  }

  /**
   * A new tenant, and whatever earlier tests left due leased away for good, so that a test's
   * claims (and their per-tenant shares) see only its own events.
   */
  @BeforeEach
  void aTenant() {
    while (!outbox().claim("leftovers", 1_000, Duration.ofDays(1)).isEmpty()) {
      // keep leasing until nothing is due
    }
    tenant = newTenant();
  }

  @Test
  void anAppendedEventIsClaimedOnceWithItsFirstAttemptAndALease() {
    Event event = append("a-1");

    List<ClaimedEvent> claimed = claim();

    assertThat(claimed).singleElement().satisfies(c -> {
      assertThat(c.event().withHeader(Event.SEQUENCE, "1")).isEqualTo(event.withHeader(Event.SEQUENCE, "1"));
      assertThat(c.event().sequence()).isPresent();
      assertThat(c.attempt()).isEqualTo(1);
      assertThat(c.delivered()).isEmpty();
    });
    assertThat(claim()).as("while leased").isEmpty();
  }

  @Test
  void everyClaimedEventCarriesASequenceThatGrowsInWriteOrder() {
    Event first = append("a-1");
    Event second = append("a-1");
    Event other = append("b-1");

    List<ClaimedEvent> claimed = claim();

    assertThat(ids(claimed)).as("in write order").containsExactly(first.id(), second.id(), other.id());
    assertThat(sequenceOf(claimed, second)).isGreaterThan(sequenceOf(claimed, first));
    assertThat(sequenceOf(claimed, other)).isGreaterThan(sequenceOf(claimed, second));
  }

  @Test
  void aSequenceGivenAtAppendIsReplacedByTheOutboxs() {
    Event event = event("a-1").withHeader(Event.SEQUENCE, "-5");
    transactions().inTenant(tenant, tx -> {
      tx.outbox().append(event);
      return null;
    });

    assertThat(claim().get(0).event().sequence().getAsLong()).isPositive();
  }

  @Test
  void theTargetsThatHaveAnEventAreKeptWithARetryAndHandedBackWithTheNextClaim() {
    Event event = append("a-1");
    ClaimedEvent first = claim().get(0);
    ClaimedEvent reachedKafka = new ClaimedEvent(first.event(), first.attempt(), first.leaseToken(), Set.of("kafka"));

    assertThat(outbox().retryLater(reachedKafka, Duration.ZERO, BOOM)).isTrue();

    ClaimedEvent second = claim().get(0);
    assertThat(second.delivered()).containsExactly("kafka");
    assertThat(history(event)).singleElement().satisfies(r -> assertThat(r.deliveredTo()).containsExactly("kafka"));
  }

  @Test
  void theTargetsThatHaveAnEventAreKeptWhenItIsReleasedOrFailedAndRequeued() {
    Event event = append("a-1");
    ClaimedEvent first = claim().get(0);
    outbox().release(List.of(new ClaimedEvent(first.event(), first.attempt(), first.leaseToken(), Set.of("rabbitmq"))));
    ClaimedEvent second = claim().get(0);
    assertThat(second.delivered()).containsExactly("rabbitmq");

    outbox().markFailed(new ClaimedEvent(second.event(), second.attempt(), second.leaseToken(),
        Set.of("rabbitmq", "kafka")), BOOM);
    outbox().requeue(List.of(event.id()));

    assertThat(claim().get(0).delivered()).containsExactlyInAnyOrder("rabbitmq", "kafka");
  }

  @Test
  void targetsFromALostLeaseAreNotRecorded() {
    append("a-1");
    ClaimedEvent stale = outbox().claim("old", 10, Duration.ofMillis(50)).get(0);
    pass(Duration.ofMillis(200));
    ClaimedEvent current = claim().get(0);

    assertThat(outbox().release(List.of(new ClaimedEvent(stale.event(), stale.attempt(), stale.leaseToken(),
        Set.of("kafka"))))).isZero();
    outbox().release(List.of(current));
    assertThat(claim().get(0).delivered()).isEmpty();
  }

  @Test
  void aRolledBackAppendLeavesNothingToClaim() {
    try {
      transactions().inTenant(tenant, tx -> {
        tx.outbox().append(event("a-1"));
        throw new IllegalStateException("roll back");
      });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    assertThat(claim()).isEmpty();
  }

  @Test
  void anAppendOutsideATransactionIsRefusedAndWritesNothing() {
    assertThatThrownBy(() -> outbox().append(event("a-1"))).isInstanceOf(NoTransactionException.class);
    assertThat(claim()).isEmpty();
  }

  @Test
  void aClaimWithoutAnOwnerOrWithoutALeaseIsRefused() {
    append("a-1");

    assertThatThrownBy(() -> outbox().claim(null, 10, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox().claim(" ", 10, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox().claim("p", 10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox().claim("p", 10, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox().claim("p", 0, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThat(claim()).as("nothing was claimed by the refused calls").hasSize(1);
  }

  @Test
  void anAggregatesUnfinishedEventsAreClaimedAsOneRunInWriteOrder() {
    Event first = append("a-1");
    Event other = append("b-1");
    Event second = append("a-1");
    Event third = append("a-1");

    assertThat(ids(claim())).containsExactly(first.id(), other.id(), second.id(), third.id());
    assertThat(claim()).isEmpty();
  }

  @Test
  void nothingOfAnAggregateIsClaimedWhileAnEarlierEventOfItIsInFlight() {
    append("a-1");
    assertThat(claim()).hasSize(1);
    append("a-1");
    Event other = append("b-1");

    assertThat(ids(claim())).containsExactly(other.id());
  }

  @Test
  void anAppendedEventClaimedByIdIsLeasedLikeAClaimedOneAndNotClaimedAgain() {
    Event event = append("a-1");
    Event notGiven = append("b-1");

    List<ClaimedEvent> claimed = outbox().claimAppended("publisher", List.of(event.id()), LEASE);

    assertThat(claimed).singleElement().satisfies(c -> {
      assertThat(c.event().id()).isEqualTo(event.id());
      assertThat(c.event().sequence()).isPresent();
      assertThat(c.attempt()).isEqualTo(1);
    });
    assertThat(outbox().claimAppended("other", List.of(event.id()), LEASE)).as("while leased").isEmpty();
    assertThat(ids(claim())).as("a claim finds what was not given by id").containsExactly(notGiven.id());
    assertThat(outbox().markPublished(claimed)).containsExactly(event.id());
  }

  @Test
  void eventsAreClaimedByIdAsRunsFromTheOldestUnfinishedEventOfTheirAggregate() {
    Event first = append("a-1");
    Event second = append("a-1");
    Event third = append("a-1");
    Event other = append("b-1");

    assertThat(outbox().claimAppended("publisher", List.of(second.id()), LEASE)).as("behind its aggregate's first").isEmpty();
    assertThat(ids(outbox().claimAppended("publisher", List.of(other.id(), second.id(), first.id()), LEASE)))
        .as("a run and a head, in write order").containsExactly(first.id(), second.id(), other.id());
    assertThat(outbox().claimAppended("publisher", List.of(third.id()), LEASE)).as("earlier ones in flight").isEmpty();
  }

  @Test
  void anEventBackingOffIsNotClaimedByIdUntilItIsDue() {
    Event event = append("a-1");
    List<ClaimedEvent> claimed = claim();
    outbox().retryLater(claimedOf(claimed, event), Duration.ofHours(1), BOOM);

    assertThat(outbox().claimAppended("publisher", List.of(event.id()), LEASE)).isEmpty();

    assertThat(outbox().claimAppended("publisher", List.of(EventId.random()), LEASE)).as("an unknown id").isEmpty();
  }

  @Test
  void aClaimByIdWithoutAnOwnerOrALeaseOrWithTooManyIdsIsRefused() {
    Event event = append("a-1");
    List<EventId> one = List.of(event.id());
    List<EventId> tooMany = java.util.stream.Stream.generate(EventId::random)
        .limit(OutboxPort.MAX_CLAIMED_BY_ID + 1L).toList();

    assertThatThrownBy(() -> outbox().claimAppended(null, one, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox().claimAppended(" ", one, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox().claimAppended("p", one, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox().claimAppended("p", tooMany, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ids(claim())).as("nothing was claimed by the refused calls").containsExactly(event.id());
  }

  @Test
  void aRunCutByTheLimitIsContinuedOnlyAfterItsClaimedEventsAreDone() {
    Event first = append("a-1");
    Event second = append("a-1");
    Event third = append("a-1");

    List<ClaimedEvent> run = outbox().claim("publisher", 2, LEASE);
    assertThat(ids(run)).containsExactly(first.id(), second.id());
    assertThat(claim()).as("the third waits for the two before it").isEmpty();

    outbox().markPublished(run);
    assertThat(ids(claim())).containsExactly(third.id());
  }

  @Test
  void aRunStopsBeforeAnEventNamedInSkip() {
    Event first = append("a-1");
    Event second = append("a-1");
    append("a-1");
    outbox().claim("old", 10, Duration.ofMillis(50));
    pass(Duration.ofMillis(200));

    assertThat(ids(outbox().claim("me", 10, LEASE, List.of(second.id())))).containsExactly(first.id());
  }

  @Test
  void publishingTheHeadReleasesTheNextEventOfItsAggregate() {
    append("a-1");
    List<ClaimedEvent> first = claim();
    Event second = append("a-1");
    assertThat(claim()).isEmpty();

    assertThat(outbox().markPublished(first)).containsExactlyElementsOf(ids(first));

    assertThat(ids(claim())).containsExactly(second.id());
  }

  @Test
  void aRetryingEventHoldsBackItsAggregateOnlyUntilItIsDue() {
    Event head = append("a-1");
    Event second = append("a-1");
    Event other = append("b-1");
    List<ClaimedEvent> claimed = claim();

    assertThat(outbox().retryLater(claimedOf(claimed, head), Duration.ofHours(1), BOOM)).isTrue();
    assertThat(outbox().release(List.of(claimedOf(claimed, second)))).as("the rest of the run").isEqualTo(1);
    assertThat(outbox().markPublished(List.of(claimedOf(claimed, other)))).hasSize(1);

    assertThat(claim()).as("the head backs off, its successor waits").isEmpty();
  }

  @Test
  void aRunGivenBackAfterItsHeadIsRetriedIsClaimedAgainInWriteOrder() {
    Event head = append("a-1");
    Event second = append("a-1");
    List<ClaimedEvent> claimed = claim();
    outbox().release(List.of(claimedOf(claimed, second)));
    outbox().retryLater(claimedOf(claimed, head), Duration.ZERO, BOOM);

    List<ClaimedEvent> again = claim();

    assertThat(ids(again)).containsExactly(head.id(), second.id());
    assertThat(again).extracting(ClaimedEvent::attempt).containsExactly(2, 1);
  }

  @Test
  void aRetryIsClaimedAgainOnceDueWithTheNextAttempt() {
    Event event = append("a-1");
    ClaimedEvent first = claim().get(0);

    assertThat(outbox().retryLater(first, Duration.ZERO, BOOM)).isTrue();

    assertThat(claim()).singleElement().satisfies(c -> {
      assertThat(c.event().id()).isEqualTo(event.id());
      assertThat(c.attempt()).isEqualTo(2);
      assertThat(c.leaseToken()).isNotEqualTo(first.leaseToken());
    });
  }

  @Test
  void aRetryKeepsItsErrorUntilAnAttemptSucceeds() {
    Event event = append("a-1");
    outbox().retryLater(claim().get(0), Duration.ZERO, BOOM);
    assertThat(history(event)).singleElement().satisfies(r -> assertThat(r.error()).contains(BOOM));

    outbox().markPublished(claim());

    assertThat(history(event)).singleElement().satisfies(r -> assertThat(r.error()).isEmpty());
  }

  @Test
  void anEventFailedForGoodNoLongerHoldsItsAggregateByDefault() {
    append("a-1");
    Event second = append("a-1");
    List<ClaimedEvent> run = claim();

    assertThat(outbox().markFailed(run.get(0), BOOM)).isTrue();
    outbox().release(List.of(run.get(1)));

    assertThat(ids(claim())).containsExactly(second.id());
  }

  @Test
  void anExpiredLeaseIsClaimedAgainAndTheOldTokenIsFencedOff() {
    append("a-1");
    ClaimedEvent stale = outbox().claim("old", 10, Duration.ofMillis(50)).get(0);
    pass(Duration.ofMillis(200));

    ClaimedEvent current = claim().get(0);

    assertThat(current.attempt()).isEqualTo(2);
    assertThat(outbox().markPublished(List.of(stale))).isEmpty();
    assertThat(outbox().retryLater(stale, Duration.ZERO, BOOM)).isFalse();
    assertThat(outbox().markFailed(stale, BOOM)).isFalse();
    assertThat(outbox().release(List.of(stale))).isZero();
    assertThat(outbox().markPublished(List.of(current))).containsExactly(current.event().id());
  }

  @Test
  void anExpiredLeaseNamedInSkipIsLeftToOthers() {
    Event event = append("a-1");
    outbox().claim("old", 10, Duration.ofMillis(50));
    pass(Duration.ofMillis(200));

    assertThat(outbox().claim("me", 10, LEASE, List.of(event.id()))).isEmpty();
    assertThat(ids(outbox().claim("other", 10, LEASE))).containsExactly(event.id());
  }

  @Test
  void aReleasedEventIsDueAtOnceAndItsAttemptIsUndone() {
    append("a-1");
    List<ClaimedEvent> claimed = claim();

    assertThat(outbox().release(claimed)).isEqualTo(1);

    assertThat(claim()).singleElement().satisfies(c -> assertThat(c.attempt()).isEqualTo(1));
  }

  @Test
  void requeueBringsBackAFailedEventWithItsAttemptsReset() {
    Event event = append("a-1");
    ClaimedEvent claimed = claim().get(0);
    outbox().markFailed(claimed, BOOM);

    assertThat(outbox().requeue(List.of(event.id()))).isEqualTo(1);

    assertThat(claim()).singleElement().satisfies(c -> {
      assertThat(c.event().id()).isEqualTo(event.id());
      assertThat(c.attempt()).isEqualTo(1);
    });
  }

  @Test
  void requeueLeavesAnEventThatIsNotFailedAlone() {
    Event pending = append("a-1");

    assertThat(outbox().requeue(List.of(pending.id(), EventId.random()))).isZero();
  }

  @Test
  void requeueWaitsWhileAnotherEventOfTheAggregateIsInFlight() {
    Event failed = append("a-1");
    append("a-1");
    List<ClaimedEvent> run = claim();
    assertThat(run).as("both in flight").hasSize(2);
    outbox().markFailed(run.get(0), BOOM);

    assertThat(outbox().requeue(List.of(failed.id()))).isZero();
  }

  @Test
  void onlyPublishedEventsOlderThanTheCutoffArePurged() {
    Event published = append("a-1");
    Event inFlight = append("b-1");
    outbox().markPublished(claim().stream().filter(c -> c.event().id().equals(published.id())).toList());
    pass(Duration.ofMillis(50));

    outbox().purgePublished(Duration.ofHours(1), 100);
    assertThat(history(published)).as("published too recently").hasSize(1);

    assertThat(outbox().purgePublished(Duration.ZERO, 100)).isPositive();
    assertThat(history(published)).isEmpty();
    assertThat(history(inFlight)).hasSize(1);
  }

  private List<EventRecord> history(Event event) {
    return transactions().inTenant(tenant, tx -> tx.history().of(tenant, event.aggregateType(), event.aggregateId(), 0, 10));
  }

  private Event append(String aggregate) {
    Event event = event(aggregate);
    transactions().inTenant(tenant, tx -> {
      tx.outbox().append(event);
      return null;
    });
    return event;
  }

  private Event event(String aggregate) {
    return Event.raise(tenant, "Order", aggregate + "-" + tenant.value(), "Order.placed",
        "{\"n\":\"" + UUID.randomUUID() + "\"}", now());
  }

  private List<ClaimedEvent> claim() {
    return outbox().claim("publisher", 100, LEASE).stream()
        .filter(c -> c.event().tenantId().equals(tenant))
        .toList();
  }

  private static long sequenceOf(List<ClaimedEvent> claimed, Event event) {
    return claimed.stream().filter(c -> c.event().id().equals(event.id())).findFirst().orElseThrow()
        .event().sequence().getAsLong();
  }

  private static ClaimedEvent claimedOf(List<ClaimedEvent> claimed, Event event) {
    return claimed.stream().filter(c -> c.event().id().equals(event.id())).findFirst().orElseThrow();
  }

  private static List<EventId> ids(List<ClaimedEvent> claimed) {
    return claimed.stream().map(c -> c.event().id()).toList();
  }
}
