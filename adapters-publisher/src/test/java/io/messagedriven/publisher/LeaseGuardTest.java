package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import io.messagedriven.publisher.LeaseGuard.LeaseEndedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LeaseGuardTest {
  private static final long PASSED = System.nanoTime() - 1;
  private final Event first = event("1");
  private final Event second = event("2");

  private static Event event(String aggregateId) {
    return Event.raise(TenantId.random(), "User", aggregateId, "User.created", "{}", Instant.parse("2024-05-01T12:00:00Z"));
  }

  @Test
  void outsideAPublishersWorkerNoLeaseEnds() {
    assertThat(LeaseGuard.ended()).isFalse();
  }

  @Test
  void aLeaseEndsAtItsDeadlineOnTheThreadThatRunsTheBatchOnly() throws Exception {
    boolean[] seen = new boolean[3];
    LeaseGuard.runUntil(System.nanoTime() + Duration.ofMinutes(1).toNanos(), () -> seen[0] = LeaseGuard.ended());
    LeaseGuard.runUntil(PASSED, () -> {
      seen[1] = LeaseGuard.ended();
      Thread other = new Thread(() -> seen[2] = LeaseGuard.ended());
      other.start();
      try {
        other.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertThat(seen).containsExactly(false, true, false);
    assertThat(LeaseGuard.ended()).as("after the batch").isFalse();
  }

  @Test
  void acknowledgementsFailAnEventWhoseLeaseEndedInsteadOfSendingIt() throws Exception {
    List<EventId> sent = new ArrayList<>();
    Map<EventId, Exception>[] failures = new Map[1];
    LeaseGuard.runUntil(PASSED, () -> {
      Acknowledgements acks = new Acknowledgements();
      for (Event event : List.of(first, second)) {
        if (!acks.leaseEnded(event)) {
          sent.add(event.id());
          acks.expect(event.id(), CompletableFuture.completedFuture(null));
        }
      }
      try {
        failures[0] = acks.await(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertThat(sent).isEmpty();
    assertThat(failures[0]).containsOnlyKeys(first.id(), second.id());
    assertThat(failures[0].get(first.id())).isInstanceOf(LeaseEndedException.class)
        .hasMessageContaining("ended before it was sent");
  }

  @Test
  void theRouterSendsNothingMoreToAHandlerOnceTheLeaseEnded() {
    List<String> handled = new ArrayList<>();
    EventRouter router = EventRouter.builder().route("*", "log", event -> handled.add(event.aggregateId())).build();
    Map<EventId, Exception>[] failures = new Map[1];

    LeaseGuard.runUntil(PASSED, () -> failures[0] = router.handleAll(List.of(first, second)));

    assertThat(handled).isEmpty();
    assertThat(failures[0].values()).allSatisfy(failure -> assertThat(failure)
        .isInstanceOf(io.messagedriven.application.port.TargetFailedException.class)
        .hasCauseInstanceOf(LeaseEndedException.class));
  }
}
