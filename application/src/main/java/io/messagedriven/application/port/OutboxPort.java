package io.messagedriven.application.port;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The transactional outbox: events are appended in the transaction of the change they describe,
 * then claimed, handed to a handler and acknowledged by publishers.
 *
 * <p>An instance from {@link UnitOfWork#outbox()} works in that unit's transaction; the one a
 * publisher uses runs each call in a short transaction of its own, across tenants.
 *
 * <p>Acknowledgements are fenced: each claim carries a lease token, and an acknowledgement
 * changes the event only while the row still holds that token. A publisher whose lease expired
 * and whose event was claimed again cannot change it; the methods return how many events they
 * did change so a caller can tell.
 */
public interface OutboxPort {

  /**
   * Appends events, pending and ready to publish once the transaction commits.
   *
   * @throws NoTransactionException on an outbox bound to no transaction (the publishers'): the
   *     outbox never commits an append on its own
   */
  void append(Collection<Event> events);

  /** Appends one event. */
  default void append(Event event) {
    append(List.of(event));
  }

  /**
   * Claims up to {@code limit} events that are due: pending events whose next attempt time has
   * come, and in-flight events whose lease expired. Each is leased to {@code owner} for {@code
   * lease} and its attempt count goes up by one. Tenants with due events get equal shares of the
   * batch.
   *
   * <p>Events of one aggregate are claimed in runs: consecutive events from its oldest
   * unfinished one, up to the first that is in flight, backing off or held back; none when its
   * oldest unfinished event is one of those. The claimed events come back in write order (by
   * {@link io.messagedriven.domain.Event#sequence()}), so a run's events follow each other. A
   * publisher hands each run to one worker, in order, and stops at the first event that is not
   * published: the rest of the run is {@linkplain #release released}, so events of one aggregate
   * are handled in write order and never at once.
   *
   * @param skip events not to claim even if their lease expired: the caller still holds them (a
   *     handler overran the lease), so another publisher should take them over
   * @throws IllegalArgumentException for a blank owner, a limit below 1 or a lease that is not
   *     positive; nothing is claimed
   */
  List<ClaimedEvent> claim(String owner, int limit, Duration lease, Collection<EventId> skip);

  /** Claims with nothing to skip. */
  default List<ClaimedEvent> claim(String owner, int limit, Duration lease) {
    return claim(owner, limit, lease, List.of());
  }

  /**
   * Claims events by id, in runs as {@link #claim} does: an event of {@code appended} is leased to
   * {@code owner} when it is due, its tenant is not paused, and every unfinished event of its
   * aggregate before it is one of {@code appended} and claimed by the same call; the others are
   * left alone (also those another claim holds or is taking at the same moment). Meant for the events a commit in this process just appended (see
   * {@link OutboxSignals#subscribe(Runnable, java.util.function.Consumer)}): a statement that finds
   * them by id costs far less than a fair claim across tenants, so a publisher beside its writers
   * hands an event over within a round trip of its commit. Whatever it leaves, {@link #claim}
   * finds; an outbox that cannot claim by id returns nothing, which is correct, only slower.
   *
   * @return the claimed events, in write order
   * @throws IllegalArgumentException for a blank owner, a lease that is not positive or more ids
   *     than {@value #MAX_CLAIMED_BY_ID}; nothing is claimed
   */
  default List<ClaimedEvent> claimAppended(String owner, Collection<EventId> appended, Duration lease) {
    return List.of();
  }

  /** The most ids one {@link #claimAppended} takes. */
  int MAX_CLAIMED_BY_ID = 1_000;

  /**
   * Marks events published; returns the ids of those still leased under their token, which are
   * the ones it changed.
   */
  Set<EventId> markPublished(Collection<ClaimedEvent> events);

  /**
   * Returns an event to pending after a failed attempt, due again after {@code delay}, keeping
   * the error and the targets the claim says have the event ({@link ClaimedEvent#delivered()}).
   * Returns false when the lease was lost.
   */
  boolean retryLater(ClaimedEvent event, Duration delay, Failure failure);

  /**
   * Marks an event failed for good, keeping the error and the targets the claim says have the
   * event. Returns false when the lease was lost.
   */
  boolean markFailed(ClaimedEvent event, Failure failure);

  /**
   * Gives claimed events back without handling them (a stopping publisher): they are pending and
   * due at once, and the attempt the claim counted is undone; the targets each claim says have
   * its event are kept. Returns how many were released.
   */
  int release(Collection<ClaimedEvent> events);

  /**
   * Puts failed events back to pending, due at once, with their attempt count reset (an
   * operator's decision, once the cause is fixed). Their last error is kept until the next
   * attempt. Events that are not failed are left alone, and so is a failed event while another
   * event of its aggregate is in flight (try again later). Returns how many were requeued.
   */
  int requeue(Collection<EventId> events);

  /**
   * Deletes up to {@code limit} events published more than {@code olderThan} ago, the oldest
   * first; returns how many. Concurrent purges skip each other's rows.
   */
  int purgePublished(Duration olderThan, int limit);

  /**
   * Records that a publisher is alive: its owner, host, start and events in flight, seen now
   * (by the store's clock). Publishers call it every few seconds; operators read it back as the
   * publishers seen. A heartbeat of an owner seen before replaces its previous one.
   */
  void heartbeat(PublisherHeartbeat heartbeat);

  /**
   * Records that the publisher {@code owner} stopped, so operators see it as stopped rather than
   * gone. An owner never seen is ignored.
   */
  void signOff(String owner);
}
