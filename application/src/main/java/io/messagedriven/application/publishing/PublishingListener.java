package io.messagedriven.application.publishing;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Hears what publishing does, for metrics, tracing or logs. Every method has a no-op default;
 * override the ones you need. Calls come from publisher threads and must not block for long or
 * throw.
 */
public interface PublishingListener {
  /** Does nothing. */
  PublishingListener NONE = new PublishingListener() {};

  /**
   * One listener that tells each of {@code listeners}, in order, such as metrics and your own
   * logging: {@code Publisher.builder().listener(PublishingListener.all(metrics.listener("rabbitmq"), mine))}.
   * A listener that throws does not keep the ones after it from hearing; the first exception is
   * thrown once all have heard.
   *
   * @throws IllegalArgumentException if {@code listeners} is null or holds a null
   */
  static PublishingListener all(PublishingListener... listeners) {
    if (listeners == null || Arrays.asList(listeners).contains(null)) {
      throw new IllegalArgumentException("listeners must not be or hold null, was "
          + (listeners == null ? null : Arrays.toString(listeners)));
    }
    return new AllListeners(List.of(listeners));
  }

  /** A batch was claimed (never called for an empty claim). */
  default void claimed(List<ClaimedEvent> events) {}

  /** The handler accepted the event and it is marked published. */
  default void published(ClaimedEvent event) {}

  /** The handler failed; the event is pending again, due after {@code delay}. */
  default void retried(ClaimedEvent event, Duration delay, Failure failure) {}

  /** The event failed for good: non-retryable, or out of attempts. */
  default void failed(ClaimedEvent event, Failure failure) {}

  /**
   * The target was unavailable for the event (an outage): it went back to pending, due at once,
   * its attempt not counted, while the publisher backs off the target.
   */
  default void unavailable(ClaimedEvent event, Failure failure) {}

  /**
   * The acknowledgement came too late: the lease expired and another publisher claimed the
   * event, so this outcome was not recorded. The event will be handled again.
   */
  default void leaseLost(ClaimedEvent event) {}
}
