package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.OutboxSignals;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A publisher hears of the commits in its process with their events' ids and claims exactly
 * those by id; a fair claim follows only when some were left, and otherwise waits for a
 * notification, acknowledgements or the poll.
 */
class ClaimByIdTest {
  private static final Duration POLL = Duration.ofMinutes(1);

  /** Knows the events it was told of; claims by id those not held back, and counts fair claims. */
  private static final class ByIdOutbox extends EmptyOutbox {
    final Map<EventId, Event> events = new ConcurrentHashMap<>();
    final Set<EventId> heldBack = ConcurrentHashMap.newKeySet();
    final List<List<EventId>> claimedById = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<Long> fairClaims = new LinkedBlockingQueue<>();
    /** What was asked of it, in order: "claim", "by id", "acknowledge". */
    final List<String> calls = new CopyOnWriteArrayList<>();

    Event add(String aggregate) {
      Event event = Event.raise(TenantId.DEFAULT, "Order", aggregate, "Order.placed", "{}", Instant.now())
          .withSequence(events.size() + 1);
      events.put(event.id(), event);
      return event;
    }

    @Override
    public List<ClaimedEvent> claim(String owner, int limit, Duration lease, Collection<EventId> skip) {
      fairClaims.add(System.nanoTime());
      calls.add("claim");
      return List.of();
    }

    @Override
    public List<ClaimedEvent> claimAppended(String owner, Collection<EventId> appended, Duration lease) {
      claimedById.add(List.copyOf(appended));
      calls.add("by id");
      return appended.stream().filter(id -> !heldBack.contains(id))
          .map(id -> new ClaimedEvent(events.get(id), 1, UUID.randomUUID())).toList();
    }

    @Override
    public Set<EventId> markPublished(Collection<ClaimedEvent> claimed) {
      calls.add("acknowledge");
      return claimed.stream().map(c -> c.event().id()).collect(Collectors.toSet());
    }
  }

  /** Signals whose callbacks the test calls itself. */
  private static final class HandSignals implements OutboxSignals {
    volatile Runnable onAppend;
    volatile Consumer<List<EventId>> onCommitHere;

    @Override
    public Subscription subscribe(Runnable onAppend) {
      throw new AssertionError("a publisher subscribes to the commits here too");
    }

    @Override
    public Subscription subscribe(Runnable onAppend, Consumer<List<EventId>> onCommitHere) {
      this.onAppend = onAppend;
      this.onCommitHere = onCommitHere;
      return () -> { };
    }
  }

  @Test
  void theEventsOfACommitHereAreClaimedByIdAndHandledWithoutAFairClaim() throws Exception {
    ByIdOutbox outbox = new ByIdOutbox();
    HandSignals signals = new HandSignals();
    LinkedBlockingQueue<EventId> handled = new LinkedBlockingQueue<>();
    try (Publisher publisher = Publisher.builder().outbox(outbox).signals(signals)
        .handler(event -> handled.add(event.id())).pollInterval(POLL).build()) {
      publisher.start();
      assertThat(outbox.fairClaims.poll(5, TimeUnit.SECONDS)).as("the first fair claim, at the start").isNotNull();
      Thread.sleep(200);
      outbox.calls.clear();
      Event first = outbox.add("o-1");
      Event second = outbox.add("o-2");

      signals.onCommitHere.accept(List.of(first.id(), second.id()));

      assertThat(handled.poll(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(handled.poll(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(outbox.claimedById).containsExactly(List.of(first.id(), second.id()));
      Thread.sleep(500);
      assertThat(outbox.calls).as("a fair claim only after the acknowledgement (the next events of the aggregates)")
          .startsWith("by id", "acknowledge").containsOnlyOnce("by id");
    }
  }

  @Test
  void aFairClaimFollowsAtOnceWhenSomeOfTheEventsWereNotClaimedById() throws Exception {
    ByIdOutbox outbox = new ByIdOutbox();
    HandSignals signals = new HandSignals();
    try (Publisher publisher = Publisher.builder().outbox(outbox).signals(signals)
        .handler(event -> { }).pollInterval(POLL).build()) {
      publisher.start();
      assertThat(outbox.fairClaims.poll(5, TimeUnit.SECONDS)).isNotNull();
      Thread.sleep(200);
      outbox.fairClaims.clear();
      Event behind = outbox.add("o-1");
      outbox.heldBack.add(behind.id());

      signals.onCommitHere.accept(List.of(behind.id()));

      assertThat(outbox.fairClaims.poll(2, TimeUnit.SECONDS)).as("a fair claim, long before the poll").isNotNull();
    }
  }

  @Test
  void aNotificationFromElsewhereStillWakesAFairClaim() throws Exception {
    ByIdOutbox outbox = new ByIdOutbox();
    HandSignals signals = new HandSignals();
    try (Publisher publisher = Publisher.builder().outbox(outbox).signals(signals)
        .handler(event -> { }).pollInterval(POLL).build()) {
      publisher.start();
      assertThat(outbox.fairClaims.poll(5, TimeUnit.SECONDS)).isNotNull();
      Thread.sleep(200);
      outbox.fairClaims.clear();

      signals.onAppend.run();

      assertThat(outbox.fairClaims.poll(2, TimeUnit.SECONDS)).isNotNull();
      assertThat(outbox.claimedById).isEmpty();
    }
  }
}
