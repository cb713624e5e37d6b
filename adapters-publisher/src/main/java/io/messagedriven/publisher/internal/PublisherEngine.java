package io.messagedriven.publisher.internal;

import io.messagedriven.application.PublishingListener;
import io.messagedriven.application.PublishingStep;
import io.messagedriven.application.RetryPolicy;
import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.OutboxSignals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
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
      Duration keepPublished) {}

  private enum State { NEW, RUNNING, STOPPED }

  private final Settings settings;
  private final PublishingStep step;
  private final Capacity capacity;
  private final Acknowledger acknowledger;
  private final RetentionPurge purge;
  private final Semaphore wakeUps = new Semaphore(0);
  private final ThreadPoolExecutor workers;
  private final Thread claimThread;
  private final Thread acknowledgeThread;
  private volatile State state = State.NEW;
  private volatile boolean claiming;
  private OutboxSignals.Subscription subscription;

  public PublisherEngine(Settings settings) {
    this.settings = settings;
    this.step = new PublishingStep(settings.outbox(), settings.handler(), settings.retryPolicy(), settings.listener());
    this.capacity = new Capacity(settings.maxInFlight());
    this.purge = new RetentionPurge(settings.outbox(), settings.keepPublished(), settings.owner());
    AtomicInteger workerNumber = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(
        settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        task -> daemon(task, "md-" + settings.name() + "-worker-" + workerNumber.incrementAndGet()));
    this.acknowledger = new Acknowledger(step, capacity, this::wakeUp,
        () -> state == State.STOPPED && workers.isTerminated(), settings.owner());
    this.claimThread = daemon(this::claimLoop, "md-" + settings.name() + "-claim");
    this.acknowledgeThread = daemon(acknowledger, "md-" + settings.name() + "-ack");
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
    if (settings.signals() != null) {
      subscription = settings.signals().subscribe(this::wakeUp);
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

  /** Makes an idle claim loop claim at once. */
  private void wakeUp() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  private void claimLoop() {
    long errorBackoff = settings.pollInterval().toMillis();
    while (claiming) {
      int room = 0;
      try {
        purge.runIfDue();
        room = capacity.take(settings.batchSize(), settings.pollInterval().toNanos(), () -> claiming);
        if (room == 0) {
          continue;
        }
        List<ClaimedEvent> claimed =
            step.claim(settings.owner(), room, settings.lease(), capacity.overrunning(settings.lease()));
        capacity.hold(claimed);
        capacity.giveBack(room - claimed.size());
        room = 0;
        dispatch(claimed);
        errorBackoff = settings.pollInterval().toMillis();
        if (claimed.isEmpty()) {
          idle(settings.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        capacity.giveBack(room);
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        capacity.giveBack(room);
        log.warn("publisher {} cannot claim, retrying in {} ms: {}", settings.owner(), errorBackoff, e.toString());
        try {
          idle(errorBackoff);
        } catch (InterruptedException interrupted) {
          break;
        }
        errorBackoff = Math.min(errorBackoff * 2, MAX_ERROR_BACKOFF_MILLIS);
      }
    }
  }

  private void idle(long millis) throws InterruptedException {
    if (wakeUps.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
      wakeUps.drainPermits();
    }
  }

  /**
   * Hands claimed events to the workers: to a batch handler in one chunk per worker, so it can
   * pipeline its sends; to any other handler one event per task.
   */
  private void dispatch(List<ClaimedEvent> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    int chunks = settings.handler() instanceof BatchEventHandler ? Math.min(settings.workers(), claimed.size()) : claimed.size();
    int size = (claimed.size() + chunks - 1) / chunks;
    for (int from = 0; from < claimed.size(); from += size) {
      workers.execute(new Handling(claimed.subList(from, Math.min(from + size, claimed.size()))));
    }
  }

  /** One task of a worker: some claimed events, handled and queued for acknowledgement. */
  private final class Handling implements Runnable {
    final List<ClaimedEvent> events;

    Handling(List<ClaimedEvent> events) {
      this.events = events;
    }

    @Override
    public void run() {
      acknowledger.add(step.handleAll(events));
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
    wakeUp();
    joinQuietly(claimThread, remaining(deadline));
    claimThread.interrupt();
    List<Runnable> notStarted = new ArrayList<>();
    workers.getQueue().drainTo(notStarted);
    workers.shutdown();
    giveBack(notStarted);
    boolean finished = awaitWorkers(remaining(deadline));
    if (!finished) {
      workers.shutdownNow();
    }
    joinQuietly(acknowledgeThread, Math.max(remaining(deadline), 2_000));
    acknowledgeThread.interrupt();
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

  /** Releases the claims of tasks that never started, so other publishers take them at once. */
  private void giveBack(List<Runnable> notStarted) {
    List<ClaimedEvent> events = new ArrayList<>();
    for (Runnable task : notStarted) {
      if (task instanceof Handling handling) {
        events.addAll(handling.events);
      }
    }
    if (events.isEmpty()) {
      return;
    }
    try {
      int released = settings.outbox().release(events);
      capacity.done(events);
      log.info("publisher {} gave back {} claimed events it had not started", settings.owner(), released);
    } catch (RuntimeException e) {
      log.warn("publisher {} cannot give back {} events; their leases will expire: {}",
          settings.owner(), events.size(), e.toString());
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
