package io.messagedriven.application.publishing;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.TargetFailedException;
import io.messagedriven.application.port.TargetedEventHandler;
import io.messagedriven.domain.EventId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * The publishing step: claim a batch, hand each event to the handler, then mark it published,
 * due for a retry, or failed with its error.
 *
 * <p>The three parts are separate so a publisher can run handlers on worker threads and
 * acknowledge in batches; {@link #publishBatch} runs them in sequence on the caller's thread.
 * Handlers run outside any transaction. An acknowledgement that finds the lease gone (another
 * publisher took the event over) changes nothing and is reported to {@link
 * PublishingListener#leaseLost}. A listener that throws is logged and otherwise ignored: it
 * never changes what is recorded.
 */
public final class PublishingStep {
  private static final System.Logger log = System.getLogger(PublishingStep.class.getName());

  private final OutboxPort outbox;
  private final EventHandler handler;
  private final RetryPolicy retryPolicy;
  private final PublishingListener listener;
  private final RandomGenerator random;

  /** A step on {@code outbox} handing events to {@code handler}; all arguments are required. */
  public PublishingStep(
      OutboxPort outbox, EventHandler handler, RetryPolicy retryPolicy, PublishingListener listener) {
    this(outbox, handler, retryPolicy, listener, RandomGenerator.getDefault());
  }

  PublishingStep(
      OutboxPort outbox,
      EventHandler handler,
      RetryPolicy retryPolicy,
      PublishingListener listener,
      RandomGenerator random) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.random = random;
  }

  /**
   * Claims, handles and acknowledges one batch; returns how many events it claimed. Events an
   * earlier event of their aggregate kept from being handled (see {@link #handleInOrder}) are
   * released.
   */
  public int publishBatch(String owner, int limit, Duration lease) {
    List<ClaimedEvent> claimed = claim(owner, limit, lease);
    if (!claimed.isEmpty()) {
      Handled handled = handleInOrder(claimed);
      acknowledge(handled.outcomes());
      if (!handled.notStarted().isEmpty()) {
        outbox.release(handled.notStarted());
      }
    }
    return claimed.size();
  }

  /**
   * What {@link #handleInOrder} did: the outcomes of the events it handed to the handler, and the
   * events it did not, because an earlier event of their aggregate in the same batch was not
   * published; the caller gives those back ({@link OutboxPort#release}).
   */
  public record Handled(List<Outcome> outcomes, List<ClaimedEvent> notStarted) {
    public Handled {
      outcomes = new ArrayList<>(outcomes); // acknowledge removes what it recorded
      notStarted = List.copyOf(notStarted);
    }
  }

  /**
   * Hands claimed events to the handler keeping each aggregate's write order. A claim returns an
   * aggregate's events as a run, in write order; the runs are handled side by side in rounds
   * (the first event of every run, then the second of every run still going, ...), each round
   * through {@link #handleAll}, so a batch handler still pipelines the sends of different
   * aggregates. A run stops at its first event that is not published (a retry, an outage, a
   * failure): the events after it are not handed over, so no event overtakes an earlier one of
   * its aggregate. Records nothing yet.
   *
   * @param events claimed events in write order, as {@link OutboxPort#claim} returns them
   */
  public Handled handleInOrder(List<ClaimedEvent> events) {
    return handleInOrder(events, () -> true);
  }

  /**
   * {@link #handleInOrder(List)}, asking {@code keepGoing} before each round after the first:
   * once it says no (the publisher is stopping, or the claim's lease is nearly over), the events
   * not handed over yet are returned as not started, so their release refunds their attempt
   * instead of their being sent too late and retried.
   */
  public Handled handleInOrder(List<ClaimedEvent> events, BooleanSupplier keepGoing) {
    List<List<ClaimedEvent>> going = runsOf(events);
    if (going.size() == events.size()) {
      return new Handled(handleAll(events), List.of());
    }
    List<Outcome> outcomes = new ArrayList<>(events.size());
    List<ClaimedEvent> notStarted = new ArrayList<>();
    for (int round = 0; !going.isEmpty(); round++) {
      int at = round;
      if (round > 0 && !keepGoing.getAsBoolean()) {
        going.forEach(run -> notStarted.addAll(run.subList(at, run.size())));
        break;
      }
      List<ClaimedEvent> layer = going.stream().map(run -> run.get(at)).toList();
      List<Outcome> handled = handleAll(layer);
      outcomes.addAll(handled);
      List<List<ClaimedEvent>> next = new ArrayList<>(going.size());
      for (int i = 0; i < going.size(); i++) {
        List<ClaimedEvent> run = going.get(i);
        boolean published = handled.get(i) instanceof Outcome.Published;
        if (published && run.size() > at + 1) {
          next.add(run);
        } else if (!published) {
          notStarted.addAll(run.subList(at + 1, run.size()));
        }
      }
      going = next;
    }
    return new Handled(outcomes, notStarted);
  }

  /**
   * The events of each aggregate, in the order given, the aggregates in the order of their first
   * event: the runs a claim returned, which a publisher keeps together on one worker.
   */
  public static List<List<ClaimedEvent>> runsOf(List<ClaimedEvent> events) {
    Map<List<Object>, List<ClaimedEvent>> runs = new LinkedHashMap<>();
    for (ClaimedEvent claimed : events) {
      List<Object> aggregate =
          List.of(claimed.event().tenantId(), claimed.event().aggregateType(), claimed.event().aggregateId());
      runs.computeIfAbsent(aggregate, key -> new ArrayList<>()).add(claimed);
    }
    return new ArrayList<>(runs.values());
  }

  /** Claims up to {@code limit} due events for {@code owner}. */
  public List<ClaimedEvent> claim(String owner, int limit, Duration lease) {
    return claim(owner, limit, lease, List.of());
  }

  /** Claims up to {@code limit} due events for {@code owner}, except those in {@code skip}. */
  public List<ClaimedEvent> claim(String owner, int limit, Duration lease, Collection<EventId> skip) {
    List<ClaimedEvent> claimed = outbox.claim(owner, limit, lease, skip);
    if (!claimed.isEmpty()) {
      tell(() -> listener.claimed(claimed));
    }
    return claimed;
  }

  /** Claims those of {@code appended} that are due at the head of their aggregates (see {@link OutboxPort#claimAppended}). */
  public List<ClaimedEvent> claimAppended(String owner, Collection<EventId> appended, Duration lease) {
    List<ClaimedEvent> claimed = outbox.claimAppended(owner, appended, lease);
    if (!claimed.isEmpty()) {
      tell(() -> listener.claimed(claimed));
    }
    return claimed;
  }

  /**
   * Hands events to the handler and decides their outcomes; records nothing yet. A {@link
   * BatchEventHandler} gets them in one call, so it can pipeline its sends; any other handler
   * gets them one at a time. Returns a list the caller may change (see {@link #acknowledge}).
   * It does not look at aggregates: give it at most one event of each, or use {@link
   * #handleInOrder}.
   */
  public List<Outcome> handleAll(List<ClaimedEvent> events) {
    if (!(handler instanceof BatchEventHandler batchHandler)
        || (events.size() == 1 && !(handler instanceof TargetedEventHandler))) {
      List<Outcome> outcomes = new ArrayList<>(events.size());
      for (ClaimedEvent event : events) {
        outcomes.add(handle(event));
      }
      return outcomes;
    }
    Map<EventId, Exception> failures;
    try {
      failures = handler instanceof TargetedEventHandler targeted
          ? targeted.handleAll(events.stream().map(ClaimedEvent::event).toList(), delivered(events))
          : batchHandler.handleAll(events.stream().map(ClaimedEvent::event).toList());
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable error) {
      if (error instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return decideAll(events, error);
    }
    if (failures == null) {
      IllegalStateException broken = new IllegalStateException(
          "batch handler " + handler.getClass().getName() + " returned null instead of a map of failures");
      return decideAll(events, broken);
    }
    List<Outcome> outcomes = new ArrayList<>(events.size());
    for (ClaimedEvent event : events) {
      Exception failure = failures.get(event.event().id());
      outcomes.add(failure == null ? new Outcome.Published(event) : decide(event, failure));
    }
    return outcomes;
  }

  /** The targets each event reached in earlier attempts, for a {@link TargetedEventHandler}. */
  private static Map<EventId, Set<String>> delivered(List<ClaimedEvent> events) {
    Map<EventId, Set<String>> delivered = new HashMap<>();
    for (ClaimedEvent event : events) {
      if (!event.delivered().isEmpty()) {
        delivered.put(event.event().id(), event.delivered());
      }
    }
    return delivered;
  }

  private List<Outcome> decideAll(List<ClaimedEvent> events, Throwable error) {
    List<Outcome> outcomes = new ArrayList<>(events.size());
    for (ClaimedEvent event : events) {
      outcomes.add(decide(event, error));
    }
    return outcomes;
  }

  /** Hands one event to the handler and decides its outcome; records nothing yet. */
  public Outcome handle(ClaimedEvent event) {
    if (handler instanceof TargetedEventHandler) {
      return handleAll(List.of(event)).get(0);
    }
    try {
      handler.handle(event.event());
      return new Outcome.Published(event);
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable error) {
      if (error instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return decide(event, error);
    }
  }

  /**
   * The outcome of a failed attempt: an outage of the target ({@link
   * io.messagedriven.application.port.TargetUnavailableException}, a connection refused or timed
   * out) spends no attempt; anything else is decided by the retry policy. A {@link
   * TargetFailedException} is decided on its cause, and its outcome's claim carries the targets
   * that have the event, so they are recorded with it.
   */
  public Outcome decide(ClaimedEvent event, Throwable error) {
    Failure failure = Failure.of(error);
    Throwable cause = error;
    if (error instanceof TargetFailedException targetFailed) {
      cause = targetFailed.getCause();
      event = withDelivered(event, targetFailed.delivered());
    }
    if (Outages.isOutage(cause)) {
      return new Outcome.Unavailable(event, failure);
    }
    if (retryPolicy.retries(event.attempt(), cause)) {
      return new Outcome.Retry(event, retryPolicy.delayAfter(event.attempt(), random), failure);
    }
    return new Outcome.Failed(event, failure);
  }

  /** The claim with {@code targets} added to those that have its event; recorded with the outcome. */
  private static ClaimedEvent withDelivered(ClaimedEvent event, Set<String> targets) {
    if (event.delivered().containsAll(targets)) {
      return event;
    }
    Set<String> all = new TreeSet<>(event.delivered());
    all.addAll(targets);
    return new ClaimedEvent(event.event(), event.attempt(), event.leaseToken(), all);
  }

  /**
   * Records outcomes: published ones in one batch, failures one by one. Each outcome is removed
   * from {@code outcomes} once recorded, so after a failure (the database went away) the caller
   * can retry what is left without recording anything twice.
   */
  public void acknowledge(List<Outcome> outcomes) {
    List<ClaimedEvent> published = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      if (outcome instanceof Outcome.Published p) {
        published.add(p.claimed());
      }
    }
    if (!published.isEmpty()) {
      Set<EventId> acknowledged = outbox.markPublished(published);
      outcomes.removeIf(outcome -> outcome instanceof Outcome.Published);
      for (ClaimedEvent event : published) {
        boolean recorded = acknowledged.contains(event.event().id());
        report(recorded, event, () -> listener.published(event));
      }
    }
    for (var remaining = outcomes.iterator(); remaining.hasNext(); ) {
      Outcome outcome = remaining.next();
      if (outcome instanceof Outcome.Retry retry) {
        boolean recorded = outbox.retryLater(retry.claimed(), retry.delay(), retry.failure());
        remaining.remove();
        report(recorded, retry.claimed(), () -> listener.retried(retry.claimed(), retry.delay(), retry.failure()));
      } else if (outcome instanceof Outcome.Unavailable unavailable) {
        boolean recorded = outbox.release(List.of(unavailable.claimed())) == 1;
        remaining.remove();
        report(recorded, unavailable.claimed(), () -> listener.unavailable(unavailable.claimed(), unavailable.failure()));
      } else if (outcome instanceof Outcome.Failed failed) {
        boolean recorded = outbox.markFailed(failed.claimed(), failed.failure());
        remaining.remove();
        report(recorded, failed.claimed(), () -> listener.failed(failed.claimed(), failed.failure()));
      }
    }
  }

  private void report(boolean recorded, ClaimedEvent event, Runnable onRecorded) {
    tell(recorded ? onRecorded : () -> listener.leaseLost(event));
  }

  /** Calls the listener; what it throws is logged, never passed on. */
  private void tell(Runnable call) {
    try {
      call.run();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable e) {
      log.log(System.Logger.Level.WARNING, "publishing listener " + listener.getClass().getName() + " threw", e);
    }
  }
}
