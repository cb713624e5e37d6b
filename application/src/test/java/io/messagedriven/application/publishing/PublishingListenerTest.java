package io.messagedriven.application.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import io.messagedriven.domain.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PublishingListenerTest {
  private static final ClaimedEvent CLAIMED = new ClaimedEvent(
      Event.raise("Order", "o-1", "Order.placed", "{}", Instant.parse("2026-01-01T00:00:00Z")), 1, UUID.randomUUID());
  private static final Failure FAILURE = Failure.of(new IllegalStateException("nack"));

  private final List<String> heard = new CopyOnWriteArrayList<>();

  private PublishingListener recording(String name) {
    return new PublishingListener() {
      @Override
      public void claimed(List<ClaimedEvent> events) {
        heard.add(name + " claimed " + events.size());
      }

      @Override
      public void published(ClaimedEvent event) {
        heard.add(name + " published");
      }

      @Override
      public void retried(ClaimedEvent event, Duration delay, Failure failure) {
        heard.add(name + " retried after " + delay.toSeconds() + "s");
      }

      @Override
      public void failed(ClaimedEvent event, Failure failure) {
        heard.add(name + " failed");
      }

      @Override
      public void unavailable(ClaimedEvent event, Failure failure) {
        heard.add(name + " unavailable");
      }

      @Override
      public void leaseLost(ClaimedEvent event) {
        heard.add(name + " lease lost");
      }
    };
  }

  @Test
  void allTellsEveryListenerOfEveryCallInOrder() {
    PublishingListener both = PublishingListener.all(recording("metrics"), recording("log"));

    both.claimed(List.of(CLAIMED));
    both.published(CLAIMED);
    both.retried(CLAIMED, Duration.ofSeconds(2), FAILURE);
    both.failed(CLAIMED, FAILURE);
    both.unavailable(CLAIMED, FAILURE);
    both.leaseLost(CLAIMED);

    assertThat(heard).containsExactly("metrics claimed 1", "log claimed 1", "metrics published", "log published",
        "metrics retried after 2s", "log retried after 2s", "metrics failed", "log failed",
        "metrics unavailable", "log unavailable", "metrics lease lost", "log lease lost");
  }

  @Test
  void aListenerThatThrowsDoesNotKeepTheNextFromHearingAndItsExceptionComesAfter() {
    IllegalStateException broken = new IllegalStateException("broken listener");
    PublishingListener throwing = new PublishingListener() {
      @Override
      public void published(ClaimedEvent event) {
        throw broken;
      }
    };

    assertThatThrownBy(() -> PublishingListener.all(throwing, recording("log")).published(CLAIMED)).isSameAs(broken);
    assertThat(heard).containsExactly("log published");
  }

  @Test
  void nullListenersAreRefused() {
    assertThatThrownBy(() -> PublishingListener.all((PublishingListener[]) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("listeners must not be or hold null, was null");
    assertThatThrownBy(() -> PublishingListener.all(PublishingListener.NONE, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("listeners must not be or hold null, was [");
  }
}
