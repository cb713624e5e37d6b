package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How soon a publisher claims again after a claim came back empty: soon while it was draining a
 * backlog (another publisher most likely took the same oldest events a moment earlier), at the
 * poll interval otherwise.
 */
class ClaimPacingTest {
  private static final Duration POLL = Duration.ofSeconds(10);

  /** Hands out {@code first} events on the first claim, nothing after; records when it was asked. */
  private static final class OnceOutbox extends EmptyOutbox {
    final List<Long> claims = new CopyOnWriteArrayList<>();
    private final int first;

    OnceOutbox(int first) {
      this.first = first;
    }

    @Override
    public List<ClaimedEvent> claim(String owner, int limit, Duration lease, Collection<EventId> skip) {
      claims.add(System.nanoTime());
      if (claims.size() > 1) {
        return List.of();
      }
      return IntStream.range(0, Math.min(first, limit)).mapToObj(i -> new ClaimedEvent(
          Event.raise(TenantId.DEFAULT, "Order", "o-" + i, "Order.placed", "{}", Instant.now())
              .withSequence(i + 1), 1, UUID.randomUUID())).toList();
    }

    @Override
    public Set<EventId> markPublished(Collection<ClaimedEvent> events) {
      return events.stream().map(c -> c.event().id()).collect(Collectors.toSet());
    }
  }

  private static List<Long> claimsWithin(OnceOutbox outbox, Duration window) throws InterruptedException {
    try (Publisher publisher = Publisher.builder().outbox(outbox).handler(event -> { })
        .batchSize(10).pollInterval(POLL).build()) {
      publisher.start();
      Thread.sleep(window.toMillis());
    }
    return new ArrayList<>(outbox.claims);
  }

  @Test
  void anEmptyClaimRightAfterAFullOneIsRetriedWithinMillisecondsBackingOff() throws Exception {
    OnceOutbox outbox = new OnceOutbox(10);

    List<Long> claims = claimsWithin(outbox, Duration.ofSeconds(2));

    assertThat(claims.size()).as("claims in 2 s with a 10 s poll interval").isGreaterThanOrEqualTo(4);
    long secondGap = claims.get(2) - claims.get(1);
    long laterGap = claims.get(claims.size() - 1) - claims.get(claims.size() - 2);
    assertThat(laterGap).as("the waits grow").isGreaterThan(secondGap);
  }

  @Test
  void anEmptyClaimAfterAClaimThatWasNotFullWaitsThePollInterval() throws Exception {
    OnceOutbox outbox = new OnceOutbox(3);

    long started = System.nanoTime();
    List<Long> claims = claimsWithin(outbox, Duration.ofSeconds(2));

    assertThat(claims).as("claims after the first half second: none before the 10 s poll")
        .allSatisfy(at -> assertThat(at - started).isLessThan(Duration.ofMillis(500).toNanos()));
  }
}
