package io.messagedriven.publisher;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The acknowledgements a {@link BatchEventHandler} awaits for one batch: send every event first,
 * {@link #expect} its acknowledgement, then {@link #await} them all at once. This is how the
 * broker adapters pipeline a batch instead of paying one round trip per event, and how your own
 * adapter can too.
 *
 * <pre>{@code
 * public Map<EventId, Exception> handleAll(List<Event> events) {
 *   Acknowledgements acks = new Acknowledgements();
 *   for (Event event : events) {
 *     if (acks.leaseEnded(event)) {
 *       continue;                                 // another publisher may have it by now
 *     }
 *     acks.expect(event.id(), client.sendAsync(toMessage(event)));
 *   }
 *   return acks.await(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one instance per batch, on the thread that handles the batch.
 */
public final class Acknowledgements {
  private final Map<EventId, CompletableFuture<?>> pending = new LinkedHashMap<>();
  private final Map<EventId, Exception> failures = new LinkedHashMap<>();

  /** The event is acknowledged when {@code ack} completes, and failed if it completes exceptionally. */
  public void expect(EventId event, CompletableFuture<?> ack) {
    pending.put(event, ack);
  }

  /** The event failed before it could be sent, such as when its message could not be built. */
  public void fail(EventId event, Exception failure) {
    pending.remove(event);
    failures.put(event, failure);
  }

  /**
   * Whether the publisher's lease on {@code event} has ended ({@link LeaseGuard}); if so, the
   * event is failed here and must not be sent. Call it before handing each event to the client.
   */
  public boolean leaseEnded(Event event) {
    if (!LeaseGuard.ended()) {
      return false;
    }
    fail(event.id(), LeaseGuard.endedFor(event));
    return true;
  }

  /** How many events are awaited or failed. */
  public int size() {
    return pending.size() + failures.size();
  }

  /**
   * Waits up to {@code timeout} for every expected acknowledgement; returns the events that
   * failed, with why: their own failure, or a {@link TimeoutException} for an acknowledgement
   * that did not come in time. An event absent from the map was acknowledged.
   *
   * @throws InterruptedException if interrupted while waiting; nothing counts as acknowledged
   */
  public Map<EventId, Exception> await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<EventId, Exception> result = new LinkedHashMap<>(failures);
    for (Map.Entry<EventId, CompletableFuture<?>> entry : pending.entrySet()) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        entry.getValue().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        result.put(entry.getKey(), new TimeoutException("no acknowledgement within " + timeout));
      } catch (ExecutionException | CompletionException e) {
        result.put(entry.getKey(), cause(e));
      } catch (CancellationException e) {
        result.put(entry.getKey(), e);
      }
    }
    return result;
  }

  private static Exception cause(Exception wrapper) {
    Throwable cause = wrapper.getCause();
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof Exception exception) {
      return exception;
    }
    return wrapper;
  }
}
