package io.messagedriven.application.port;

import io.messagedriven.domain.Event;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An event as the outbox holds it: the event and where it is in its lifecycle.
 *
 * @param position its place in the outbox's write order; later events have larger positions
 * @param event the event as written
 * @param status pending, in flight, published or failed
 * @param attempts how many times a publisher has claimed it
 * @param nextAttemptAt when a pending event is due, or when an in-flight one's lease ends; null
 *     once it is published or failed
 * @param lastError the error of the latest failed attempt of an event still pending, in flight
 *     or failed; null once it is published (an operator reads it as "failing now"), and null if
 *     no attempt failed
 * @param publishedAt when it was marked published; null unless {@link EventStatus#PUBLISHED}
 * @param failedAt when it was marked failed; null unless {@link EventStatus#FAILED}
 * @param deliveredTo the targets of a {@link TargetedEventHandler} that acknowledged it while
 *     another failed it (a failed event names that target in its {@link #lastError}); empty when
 *     none did, and for a handler with no named targets
 */
public record EventRecord(
    long position,
    Event event,
    EventStatus status,
    int attempts,
    Instant nextAttemptAt,
    Failure lastError,
    Instant publishedAt,
    Instant failedAt,
    Set<String> deliveredTo) {

  public EventRecord {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(status, "status");
    deliveredTo = deliveredTo == null ? Set.of() : Set.copyOf(deliveredTo);
  }

  /** A record of an event no named target has acknowledged. */
  public EventRecord(long position, Event event, EventStatus status, int attempts, Instant nextAttemptAt,
      Failure lastError, Instant publishedAt, Instant failedAt) {
    this(position, event, status, attempts, nextAttemptAt, lastError, publishedAt, failedAt, Set.of());
  }

  /** The error of the latest failed attempt, if any. */
  public Optional<Failure> error() {
    return Optional.ofNullable(lastError);
  }
}
