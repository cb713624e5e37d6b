package io.messagedriven.publisher;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.PublisherHeartbeat;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** An outbox that holds nothing and accepts everything; override a method to make it misbehave. */
class EmptyOutbox implements OutboxPort {
  @Override
  public void append(Collection<Event> events) {}

  @Override
  public List<ClaimedEvent> claim(String owner, int limit, Duration lease, Collection<EventId> skip) {
    return List.of();
  }

  @Override
  public Set<EventId> markPublished(Collection<ClaimedEvent> events) {
    return Set.of();
  }

  @Override
  public boolean retryLater(ClaimedEvent event, Duration delay, Failure failure) {
    return false;
  }

  @Override
  public boolean markFailed(ClaimedEvent event, Failure failure) {
    return false;
  }

  @Override
  public int release(Collection<ClaimedEvent> events) {
    return 0;
  }

  @Override
  public int requeue(Collection<EventId> events) {
    return 0;
  }

  @Override
  public int purgePublished(Duration olderThan, int limit) {
    return 0;
  }

  @Override
  public void heartbeat(PublisherHeartbeat heartbeat) {}

  @Override
  public void signOff(String owner) {}
}
