package io.messagedriven.publisher.internal;

import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.application.publishing.Outcome;
import io.messagedriven.publisher.LeaseGuard;
import io.messagedriven.application.publishing.PublishingStep;
import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.OutboxSignals;
import io.messagedriven.domain.EventId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code Publisher}: a claim thread, a pool of workers and an acknowledgement
 * thread, with {@link Capacity} bounding the events between claim and acknowledgement.
 */
public final class PublisherEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("io.messagedriven.publisher.Publisher");
  private static final long MAX_ERROR_BACKOFF_MILLIS = Duration.ofSeconds(30).toMillis();

  /** Checked settings from the builder; {@code keepPublished} null keeps published events forever. */
  public record Settings(
      OutboxPort outbox,
      EventHandler handler,
      OutboxSignals signals,
      String name,
      String owner,
      int batchSize,
      int workers,
      int maxInFlight,
      Duration pollInterval,
      Duration lease,
      Duration stopTimeout,
      RetryPolicy retryPolicy,
      PublishingListener listener,
      Duration keepPublished,
      Duration outageProbeInterval,
      Duration heartbeatInterval) {}

  private enum State { NEW, RUNNING, STOPPED }

  private final Settings settings;
  private final PublishingStep step;
  private final Capacity capacity;
  private final Acknowledger acknowledger;
  private final RetentionPurge purge;
  private final OutageGate outage;
  private final Heartbeat heartbeat;
  private final Thread heartbeatThread;
  private final Semaphore wakeUps = new Semaphore(0);
  /** Set with a wake-up that asks for a fair claim (a notification, acknowledgements); not by commits here alone. */
  private volatile boolean claimWanted;
  /**
   * Ids of events that commits in this process appended, to claim by id (see {@link
   * OutboxPort#claimAppended}); bounded: past the bound a fair claim finds the rest.
   */
  private final ConcurrentLinkedQueue<EventId> appendedHere = new ConcurrentLinkedQueue<>();
  private final AtomicInteger appendedHereCount = new AtomicInteger();
  private static final long ACK_WAKE_MILLIS = 10;
  /**
   * After a full claim, an empty one is more likely another publisher having locked the same
   * oldest events a moment earlier than an empty outbox: the claim is tried again after this
   * long, then twice as long each time it comes back empty, until that reaches the poll interval.
   */
  private static final long FIRST_RETRY_AFTER_EMPTY_MILLIS = 5;
  /** The most ids of events appended here waiting to be claimed by id. */
  private static final int MAX_APPENDED_HERE = 10 * OutboxPort.MAX_CLAIMED_BY_ID;
  private volatile long lastAckWake = System.nanoTime();
  private volatile boolean ackWakePending;
  /** Events handed to the workers and not yet started. */
  private final AtomicInteger queued = new AtomicInteger();
  private final ThreadPoolExecutor workers;
  private final Thread claimThread;
  private final Thread acknowledgeThread;
  private final Thread purgeThread;
  private volatile State state = State.NEW;
  private volatile boolean claiming;
  private OutboxSignals.Subscription subscription;

  public PublisherEngine(Settings settings) {
    this.settings = settings;
    this.step = new PublishingStep(settings.outbox(), settings.handler(), settings.retryPolicy(), settings.listener());
    this.capacity = new Capacity(settings.maxInFlight());
    this.outage = new OutageGate(settings.outageProbeInterval(), log, settings.owner());
    this.purge = new RetentionPurge(settings.outbox(), settings.keepPublished(), settings.owner());
    AtomicInteger workerNumber = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(
        settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        task -> daemon(task, "md-" + settings.name() + "-worker-" + workerNumber.incrementAndGet()));
    this.acknowledger = new Acknowledger(step, capacity, this::wakeAfterAcknowledgement,
        () -> state == State.STOPPED && workers.isTerminated(), settings.owner());
    this.claimThread = daemon(this::claimLoop, "md-" + settings.name() + "-claim");
    this.acknowledgeThread = daemon(acknowledger, "md-" + settings.name() + "-ack");
    this.purgeThread = daemon(purge, "md-" + settings.name() + "-purge");
    this.heartbeat = new Heartbeat(settings.outbox(), settings.owner(), settings.heartbeatInterval(), capacity::held);
    this.heartbeatThread = daemon(heartbeat, "md-" + settings.name() + "-heartbeat");
  }

  /** Daemon threads, so a publisher never keeps a JVM alive; stop it for a clean exit. */
  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("publisher " + settings.owner() + " was already started");
    }
    state = State.RUNNING;
    claiming = true;
    acknowledgeThread.start();
    claimThread.start();
    if (purge.enabled()) {
      purgeThread.start();
    }
    heartbeat.started(Instant.now());
    heartbeatThread.start();
    if (settings.signals() != null) {
      subscription = settings.signals().subscribe(this::wakeUp, this::committedHere);
    }
    log.info("publisher {} started: batchSize={}, workers={}, maxInFlight={}, lease={}",
        settings.owner(), settings.batchSize(), settings.workers(), settings.maxInFlight(), settings.lease());
  }

  public boolean isRunning() {
    return state == State.RUNNING;
  }

  public String owner() {
    return settings.owner();
  }

  /**
   * After acknowledgements the next events of their aggregates may be due; claim again soon, but
   * at most every {@value #ACK_WAKE_MILLIS} ms, so acknowledgements under a steady trickle do not
   * keep the claim thread busy with claims that find nothing and delay the ones a commit asked for.
   */
  private void wakeAfterAcknowledgement() {
    long now = System.nanoTime();
    if (now - lastAckWake >= TimeUnit.MILLISECONDS.toNanos(ACK_WAKE_MILLIS)) {
      lastAckWake = now;
      wakeUp();
    } else {
      ackWakePending = true;
    }
  }

  /** Makes an idle claim loop claim at once. */
  private void wakeUp() {
    claimWanted = true;
    release();
  }

  /** A commit in this process appended these events: claim them by id at once. */
  private void committedHere(List<EventId> ids) {
    if (appendedHereCount.addAndGet(ids.size()) > MAX_APPENDED_HERE) {
      appendedHereCount.addAndGet(-ids.size());
      wakeUp(); // the claim loop is behind: a fair claim finds them
      return;
    }
    appendedHere.addAll(ids);
    release();
  }

  private void release() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  /**
   * Claims until stopped. A fair claim ({@link OutboxPort#claim}) runs at the start, after a
   * wake-up that asks for one (a notification, acknowledgements), after a poll interval without
   * one, and again at once after a claim that found events (there may be a backlog). Events that
   * commits in this process appended are claimed by id instead, as soon as they are reported; a
   * fair claim follows only when some of them were left (not due, behind an earlier event).
   */
  private void claimLoop() {
    long errorBackoff = settings.pollInterval().toMillis();
    long emptyAfterFull = 0; // ms to wait after an empty claim while draining a backlog; 0: poll
    boolean claimNow = true;
    long nextFairClaim = System.nanoTime(); // when the poll (or a retry after a full claim) is due
    while (claiming) {
      int room = 0;
      try {
        if (queued.get() >= settings.batchSize()) {
          idle(5); // the workers have a batch waiting already: claim when they get to it
          continue;
        }
        long toProbe = outage.millisToProbe();
        if (toProbe > 0) {
          idle(Math.min(toProbe, settings.pollInterval().toMillis())); // an outage: wait for the next probe
          continue;
        }
        boolean probe = outage.down();
        if (!probe && !appendedHere.isEmpty()) {
          room = capacity.take(Math.min(settings.batchSize(), appendedHereCount.get()), settings.pollInterval().toNanos(),
              () -> claiming);
          if (room > 0) {
            claimNow |= !claimAppended(room);
            room = 0;
          }
          continue;
        }
        if (!claimNow && !claimWanted) {
          long wait = TimeUnit.NANOSECONDS.toMillis(nextFairClaim - System.nanoTime());
          claimNow = wait <= 0 || !idle(wait) || claimWanted;
          continue;
        }
        claimWanted = false;
        room = capacity.take(probe ? 1 : settings.batchSize(), settings.pollInterval().toNanos(), () -> claiming);
        if (room == 0) {
          continue;
        }
        ackWakePending = false;
        long claimStartedAt = System.nanoTime();
        List<ClaimedEvent> claimed =
            step.claim(settings.owner(), room, settings.lease(), capacity.overrunning(settings.lease()));
        if (probe && !claimed.isEmpty()) {
          outage.probing();
        }
        capacity.hold(claimed, claimStartedAt);
        int asked = room;
        capacity.giveBack(room - claimed.size());
        room = 0;
        dispatch(claimed);
        errorBackoff = settings.pollInterval().toMillis();
        claimNow = !claimed.isEmpty();
        long idleMillis = settings.pollInterval().toMillis();
        if (!claimed.isEmpty()) {
          emptyAfterFull = claimed.size() == asked && !probe ? FIRST_RETRY_AFTER_EMPTY_MILLIS : 0;
        } else if (emptyAfterFull > 0) {
          idleMillis = emptyAfterFull; // see FIRST_RETRY_AFTER_EMPTY_MILLIS
          emptyAfterFull = emptyAfterFull * 2 >= settings.pollInterval().toMillis() ? 0 : emptyAfterFull * 2;
        }
        nextFairClaim = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(idleMillis);
      } catch (InterruptedException e) {
        capacity.giveBack(room);
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | LinkageError | AssertionError e) {
        capacity.giveBack(room);
        RetriedFailure.warn(log, e, "publisher {} cannot claim, retrying in {} ms", settings.owner(), errorBackoff);
        try {
          idle(errorBackoff);
        } catch (InterruptedException interrupted) {
          break;
        }
        errorBackoff = Math.min(errorBackoff * 2, MAX_ERROR_BACKOFF_MILLIS);
        claimNow = true;
      }
    }
  }

  /**
   * Claims by id up to {@code room} of the events appended here, with {@code room} taken from
   * the capacity; returns whether it claimed all it was given (if not, a fair claim should follow).
   * Ids it could not claim are not retried: a fair claim finds those events.
   */
  private boolean claimAppended(int room) {
    List<EventId> ids = new ArrayList<>(room);
    for (EventId id = appendedHere.poll(); id != null; id = ids.size() < room ? appendedHere.poll() : null) {
      ids.add(id);
    }
    appendedHereCount.addAndGet(-ids.size());
    List<ClaimedEvent> claimed = List.of();
    long claimStartedAt = System.nanoTime();
    try {
      claimed = step.claimAppended(settings.owner(), ids, settings.lease());
    } catch (RuntimeException e) {
      RetriedFailure.warn(log, e, "publisher {} cannot claim {} events by id; a claim will find them", settings.owner(),
          ids.size());
    } finally {
      capacity.hold(claimed, claimStartedAt);
      capacity.giveBack(room - claimed.size());
    }
    dispatch(claimed);
    return claimed.size() == ids.size();
  }

  /**
   * Waits for a wake-up or {@code millis}, whichever comes first; returns false if the time
   * passed. It waits in slices, so that an acknowledgement's wake-up that was postponed (see
   * {@link #wakeAfterAcknowledgement}) is acted on once its moment comes, instead of being lost
   * while the loop waits out a long poll.
   */
  private boolean idle(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      long slice = Math.min(left, TimeUnit.MILLISECONDS.toNanos(ACK_WAKE_MILLIS));
      if (wakeUps.tryAcquire(slice, TimeUnit.NANOSECONDS)) {
        wakeUps.drainPermits();
        return true;
      }
      if (ackWakePending && System.nanoTime() - lastAckWake >= TimeUnit.MILLISECONDS.toNanos(ACK_WAKE_MILLIS)) {
        claimWanted = true;
        return true;
      }
    }
  }

  /**
   * Hands claimed events to the workers, each aggregate's run whole to one task, so its events
   * are handled one after the other in write order: to a batch handler in one chunk of runs per
   * worker, so it can pipeline its sends; to any other handler one run per task.
   */
  private void dispatch(List<ClaimedEvent> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    List<List<ClaimedEvent>> runs = PublishingStep.runsOf(claimed);
    int chunks = settings.handler() instanceof BatchEventHandler ? Math.min(settings.workers(), runs.size()) : runs.size();
    int size = (runs.size() + chunks - 1) / chunks;
    for (int from = 0; from < runs.size(); from += size) {
      List<ClaimedEvent> chunk = runs.subList(from, Math.min(from + size, runs.size())).stream()
          .flatMap(List::stream).toList();
      queued.addAndGet(chunk.size());
      try {
        workers.execute(new Handling(chunk));
      } catch (RejectedExecutionException stopping) {
        queued.addAndGet(-chunk.size());
        giveBack(chunk, "the publisher is stopping");
      }
    }
  }

  /**
   * One task of a worker: some claimed events, handled and queued for acknowledgement. Events
   * that waited in the queue past half their lease are given back instead of started, so a
   * handler never runs while another publisher may already have taken its event over. Whatever
   * escapes the step (a VirtualMachineError) gives the events back too, so none stays leased.
   */
  private final class Handling implements Runnable {
    final List<ClaimedEvent> events;

    Handling(List<ClaimedEvent> events) {
      this.events = events;
    }

    @Override
    public void run() {
      queued.addAndGet(-events.size());
      if (events.stream().anyMatch(e -> capacity.tooLateToStart(e, settings.lease()))) {
        giveBack(events, "waited too long in the queue"); // all: a run must not lose its start
        return;
      }
      List<ClaimedEvent> timely = events;
      List<PublishingStep.Handled> handled = new ArrayList<>(1);
      try {
        // Between rounds of a run: stop at a stop() or near the lease's end, giving the rest back.
        LeaseGuard.runUntil(capacity.sendDeadline(timely, settings.lease()), () -> handled.add(
            step.handleInOrder(timely, () -> state != State.STOPPED && !LeaseGuard.ended())));
        List<Outcome> outcomes = handled.get(0).outcomes();
        outage.observe(outcomes);
        acknowledger.add(outcomes);
      } catch (Throwable escaped) {
        log.error("publisher {}: handling {} events failed unexpectedly; giving them back", settings.owner(), timely.size(), escaped);
        giveBack(timely, "handling failed unexpectedly");
        if (escaped instanceof VirtualMachineError fatal) {
          throw fatal;
        }
        return;
      }
      giveBack(handled.get(0).notStarted(), null); // outside the try: released once, whatever happens
    }
  }

  public boolean stop(Duration timeout) {
    synchronized (this) {
      State was = state;
      state = State.STOPPED;
      claiming = false;
      if (was != State.RUNNING) {
        return true;
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    if (subscription != null) {
      subscription.close();
    }
    purge.stop();
    purgeThread.interrupt();
    wakeUp();
    joinQuietly(claimThread, remaining(deadline));
    claimThread.interrupt();
    List<Runnable> notStarted = new ArrayList<>();
    workers.getQueue().drainTo(notStarted);
    workers.shutdown();
    giveBack(notStarted.stream().filter(Handling.class::isInstance)
        .flatMap(task -> ((Handling) task).events.stream()).toList(), "the publisher is stopping");
    boolean finished = awaitWorkers(remaining(deadline)); // running handlers are not interrupted
    joinQuietly(acknowledgeThread, Math.max(remaining(deadline), 2_000));
    acknowledgeThread.interrupt();
    heartbeatThread.interrupt();
    joinQuietly(heartbeatThread, 2_000);  // a heartbeat written after the sign-off would undo it
    heartbeat.stop();
    log.info("publisher {} stopped{}", settings.owner(), finished ? "" : " with handlers still running");
    return finished;
  }

  @Override
  public void close() {
    stop(settings.stopTimeout());
  }

  private boolean awaitWorkers(long millis) {
    try {
      return workers.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Releases claims this publisher will not handle, so any publisher can take them at once.
   * {@code why} null: the rest of runs an earlier event of theirs stopped (a retry, an outage),
   * which is routine and logged at debug only.
   */
  private void giveBack(List<ClaimedEvent> events, String why) {
    if (events.isEmpty()) {
      return;
    }
    try {
      int released = settings.outbox().release(events);
      if (why != null) {
        log.info("publisher {} gave back {} claimed events: {}", settings.owner(), released, why);
      } else {
        log.debug("publisher {} gave back {} events behind an earlier event of their aggregate", settings.owner(), released);
      }
    } catch (RuntimeException e) {
      RetriedFailure.warn(log, e, "publisher {} cannot give back {} events ({}); their leases will expire",
          settings.owner(), events.size(), why == null ? "behind an earlier event of their aggregate" : why);
    } finally {
      capacity.done(events);
    }
  }

  private static long remaining(long deadlineNanos) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  private static void joinQuietly(Thread thread, long millis) {
    try {
      thread.join(Math.max(millis, 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
