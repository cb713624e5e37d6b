package io.messagedriven.application.publishing;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The listener of {@link PublishingListener#all}: tells every listener, even after one threw. */
final class AllListeners implements PublishingListener {
  private final List<PublishingListener> listeners;

  AllListeners(List<PublishingListener> listeners) {
    this.listeners = listeners;
  }

  private void tell(Consumer<PublishingListener> call) {
    RuntimeException first = null;
    for (PublishingListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void claimed(List<ClaimedEvent> events) {
    tell(listener -> listener.claimed(events));
  }

  @Override
  public void published(ClaimedEvent event) {
    tell(listener -> listener.published(event));
  }

  @Override
  public void retried(ClaimedEvent event, Duration delay, Failure failure) {
    tell(listener -> listener.retried(event, delay, failure));
  }

  @Override
  public void failed(ClaimedEvent event, Failure failure) {
    tell(listener -> listener.failed(event, failure));
  }

  @Override
  public void unavailable(ClaimedEvent event, Failure failure) {
    tell(listener -> listener.unavailable(event, failure));
  }

  @Override
  public void leaseLost(ClaimedEvent event) {
    tell(listener -> listener.leaseLost(event));
  }

  @Override
  public String toString() {
    return "all" + listeners;
  }
}
