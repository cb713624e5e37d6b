package io.messagedriven.publisher.internal;

import io.messagedriven.application.Outcome;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code Publisher}: a claim thread, a pool of workers and an acknowledgement
 * thread, with a semaphore bounding the events between claim and acknowledgement.
 */
public final class PublisherEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("io.messagedriven.publisher.Publisher");
  private static final Duration MAX_ERROR_BACKOFF = Duration.ofSeconds(30);
  private static final int ACK_BATCH = 1_000;

  /** Checked settings from the builder. */
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
      PublishingListener listener) {}

  private enum State { NEW, RUNNING, STOPPED }

  private final Settings settings;
  private final PublishingStep step;
  private final Semaphore inFlight;
  private final Semaphore wakeUps = new Semaphore(0);
  private final Object capacity = new Object();
  private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
  private final ThreadPoolExecutor workers;
  private final Thread claimer;
  private final Thread acknowledger;
  private volatile State state = State.NEW;
  private volatile boolean claiming;
  private OutboxSignals.Subscription subscription;

  public PublisherEngine(Settings settings) {
    this.settings = settings;
    this.step = new PublishingStep(settings.outbox(), settings.handler(), settings.retryPolicy(), settings.listener());
    this.inFlight = new Semaphore(settings.maxInFlight());
    AtomicInteger workerNumber = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(
        settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        task -> daemon(task, "md-" + settings.name() + "-worker-" + workerNumber.incrementAndGet()));
    this.claimer = daemon(this::claimLoop, "md-" + settings.name() + "-claim");
    this.acknowledger = daemon(this::acknowledgeLoop, "md-" + settings.name() + "-ack");
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
    acknowledger.start();
    claimer.start();
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
  void wakeUp() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  private void claimLoop() {
    long errorBackoff = settings.pollInterval().toMillis();
    while (claiming) {
      int wanted = 0;
      try {
        wanted = awaitCapacity();
        if (wanted == 0) {
          continue;
        }
        List<ClaimedEvent> claimed = step.claim(settings.owner(), wanted, settings.lease());
        inFlight.release(wanted - claimed.size());
        wanted = 0;
        dispatch(claimed);
        errorBackoff = settings.pollInterval().toMillis();
        if (claimed.isEmpty()) {
          idle(settings.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        inFlight.release(wanted);
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        inFlight.release(wanted);
        log.warn("publisher {} cannot claim, retrying in {} ms: {}", settings.owner(), errorBackoff, e.toString());
        try {
          idle(errorBackoff);
        } catch (InterruptedException interrupted) {
          break;
        }
        errorBackoff = Math.min(errorBackoff * 2, MAX_ERROR_BACKOFF.toMillis());
      }
    }
  }

  /**
   * Waits until enough capacity is free to claim a worthwhile batch (a full batch, or half of one
   * while events are in flight, so claims stay large under load), then takes it. Returns 0 if
   * the poll interval passed first.
   */
  private int awaitCapacity() throws InterruptedException {
    int batch = settings.batchSize();
    int worthwhile = Math.max(1, batch / 2);
    long deadline = System.nanoTime() + settings.pollInterval().toNanos();
    while (claiming) {
      int free = inFlight.availablePermits();
      boolean idle = free == settings.maxInFlight();
      if ((free >= worthwhile || idle) && inFlight.tryAcquire(Math.min(batch, free))) {
        return Math.min(batch, free);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return 0;
      }
      synchronized (capacity) {
        capacity.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
      }
    }
    return 0;
  }

  /** Returns capacity after acknowledgements, waking a claim loop that waits for it. */
  private void release(int permits) {
    inFlight.release(permits);
    synchronized (capacity) {
      capacity.notifyAll();
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
    if (!(settings.handler() instanceof BatchEventHandler)) {
      for (ClaimedEvent event : claimed) {
        workers.execute(new Handling(List.of(event)));
      }
      return;
    }
    int chunks = Math.min(settings.workers(), claimed.size());
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
      outcomes.addAll(step.handleAll(events));
    }
  }

  private void acknowledgeLoop() {
    List<Outcome> batch = new ArrayList<>();
    long errorBackoff = 100;
    while (true) {
      try {
        if (batch.isEmpty()) {
          Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            if (state == State.STOPPED && workers.isTerminated() && outcomes.isEmpty()) {
              return;
            }
            continue;
          }
          batch.add(first);
          outcomes.drainTo(batch, ACK_BATCH - 1);
        }
        step.acknowledge(batch);
        release(batch.size());
        batch.clear();
        errorBackoff = 100;
        wakeUp(); // acknowledged events may unblock the next events of their aggregates
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("publisher {} cannot record {} outcomes, retrying in {} ms: {}",
            settings.owner(), batch.size(), errorBackoff, e.toString());
        if (state == State.STOPPED && errorBackoff >= MAX_ERROR_BACKOFF.toMillis()) {
          log.warn("publisher {} gives up on {} outcomes; their leases will expire and they will be handled again",
              settings.owner(), batch.size());
          return;
        }
        try {
          Thread.sleep(errorBackoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        errorBackoff = Math.min(errorBackoff * 2, MAX_ERROR_BACKOFF.toMillis());
      }
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
    joinQuietly(claimer, remaining(deadline));
    claimer.interrupt();
    List<Runnable> notStarted = new ArrayList<>();
    workers.getQueue().drainTo(notStarted);
    workers.shutdown();
    releaseNotStarted(notStarted);
    boolean finished = awaitWorkers(remaining(deadline));
    if (!finished) {
      workers.shutdownNow();
    }
    joinQuietly(acknowledger, Math.max(remaining(deadline), 2_000));
    acknowledger.interrupt();
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

  private void releaseNotStarted(List<Runnable> notStarted) {
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
      inFlight.release(events.size());
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
