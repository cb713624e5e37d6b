package io.messagedriven.publisher;

import static io.messagedriven.publisher.BuilderChecks.require;
import static io.messagedriven.publisher.BuilderChecks.requireBetween;
import static io.messagedriven.publisher.BuilderChecks.requireName;

import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.OutboxSignals;
import io.messagedriven.publisher.internal.PublisherEngine;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Publishes the outbox: claims due events in batches, hands each to an {@link EventHandler} on a
 * bounded pool of workers, and acknowledges the outcomes in batches.
 *
 * <p>Run as many publishers as you like, in one process or many: claims take turns and skip
 * what others hold, and an aggregate's events are in flight with one publisher at a time, as a
 * run that one worker handles in write order, one event after the other, stopping (and giving
 * the rest back) at the first that is not published. An idle publisher wakes at once on {@link OutboxSignals} and polls as a
 * fallback. Work in flight is bounded by {@link Builder#maxInFlight}, so a backlog of any size
 * takes constant memory. {@link #stop} lets running handlers finish and gives back the events not
 * yet started.
 *
 * <pre>{@code
 * try (Publisher publisher = Publisher.builder()
 *     .outbox(store.outbox())
 *     .signals(store.signals())
 *     .handler(router)
 *     .build()) {
 *   publisher.start();
 *   ...
 * }
 * }</pre>
 */
public final class Publisher implements AutoCloseable {
  private static final int MAX_BATCH_SIZE = 10_000;
  private static final int MAX_WORKERS = 1_000;
  private static final int MAX_IN_FLIGHT = 100_000;
  private static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);
  private static final Duration MAX_LEASE = Duration.ofDays(1);
  private static final Duration MAX_STOP_TIMEOUT = Duration.ofDays(1);
  private static final Duration MAX_KEEP_PUBLISHED = Duration.ofDays(3_650);

  private final PublisherEngine engine;

  private Publisher(PublisherEngine engine) {
    this.engine = engine;
  }

  /** A builder with every setting at its default; {@code outbox} and {@code handler} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the publisher's threads. A publisher starts once; a stopped one cannot restart. */
  public void start() {
    engine.start();
  }

  /**
   * Stops claiming, waits up to {@code timeout} for running handlers, records their outcomes, and
   * gives back the events it claimed but did not start. Events whose handlers are still running
   * after the timeout keep their lease until it expires, then another publisher takes them.
   * Returns true if every handler finished in time.
   *
   * @param timeout 0 to 1 day
   * @throws IllegalArgumentException if {@code timeout} is null, negative or longer than a day
   */
  public boolean stop(Duration timeout) {
    requireBetween("timeout", timeout, Duration.ZERO, MAX_STOP_TIMEOUT);
    return engine.stop(timeout);
  }

  /** Stops with the builder's {@link Builder#stopTimeout}. */
  @Override
  public void close() {
    engine.close();
  }

  /** Whether the publisher was started and not stopped. */
  public boolean isRunning() {
    return engine.isRunning();
  }

  /** The lease owner this publisher writes on the events it claims. */
  public String owner() {
    return engine.owner();
  }

  /** Settings of a {@link Publisher}; {@link #build()} checks them. */
  public static final class Builder {
    private OutboxPort outbox;
    private EventHandler handler;
    private OutboxSignals signals;
    private String name = "publisher";
    private int batchSize = 200;
    private int workers = 4;
    private Integer maxInFlight;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration lease = Duration.ofSeconds(60);
    private Duration stopTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private PublishingListener listener = PublishingListener.NONE;
    private Duration keepPublished = Duration.ofDays(7);
    private Duration outageProbeInterval = Duration.ofSeconds(5);
    private Duration heartbeatInterval = Duration.ofSeconds(10);
    private boolean keepForever;

    private Builder() {}

    /** The outbox to publish, such as {@code PostgresStore.outbox()}. Required. */
    public Builder outbox(OutboxPort outbox) {
      this.outbox = outbox;
      return this;
    }

    /** Receives every event, such as an {@link EventRouter}. Required. */
    public Builder handler(EventHandler handler) {
      this.handler = handler;
      return this;
    }

    /**
     * Wake-ups after commits that append events, such as {@code PostgresStore.signals()}.
     * Default: none, so the publisher only polls every {@link #pollInterval}.
     */
    public Builder signals(OutboxSignals signals) {
      this.signals = signals;
      return this;
    }

    /** A name for threads and the lease owner. Default: {@code publisher}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Most events claimed at once, 1 to 10,000. Default: 200. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Threads that run the handler, 1 to 1,000. Default: 4. */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /**
     * Most events claimed and not yet acknowledged, from {@link #batchSize} to 100,000: bounds
     * memory whatever the backlog. Default: twice the batch size, so one batch is claimed while
     * the last is handled.
     */
    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = maxInFlight;
      return this;
    }

    /**
     * How long an idle publisher waits before claiming again when no signal wakes it, 10 ms to 1
     * hour. Default: 1 s.
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * How long a claimed event stays leased to this publisher. If the handler has not finished
     * by then (a crash, a stall), another publisher may take the event and this publisher's
     * outcome is ignored. Make it well above your slowest handler; 1 s to 1 day. Events that wait
     * for a worker past half their lease are given back rather than started. Default: 60 s.
     */
    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    /** How long {@link #close()} waits for running handlers, 0 to 1 day. Default: 30 s. */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = stopTimeout;
      return this;
    }

    /**
     * The longest wait between probes of a target that is unavailable (an outage: a {@link
     * io.messagedriven.application.port.TargetUnavailableException}, or a connection refused or
     * timed out). During an outage the publisher stops claiming, gives the events back without
     * spending their attempts, and probes the target with one event at a time, waiting 250 ms,
     * then twice as long each time, up to this; once the target answers, every waiting aggregate
     * resumes at once, in order. 100 ms to 10 minutes. Default: 5 s.
     */
    public Builder outageProbeInterval(Duration outageProbeInterval) {
      this.outageProbeInterval = outageProbeInterval;
      return this;
    }

    /**
     * How often the publisher writes its heartbeat (owner, host, start, events in flight) for
     * operators, who see a publisher not heard of for a while as gone; 100 ms to 10 minutes.
     * Default: 10 s.
     */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /** Retries and backoff for failed events. Default: {@link RetryPolicy#DEFAULT}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * How long published events stay in the outbox (for audit and for their aggregate's history)
     * before this publisher deletes them, 1 minute to 3,650 days (10 years). Every publisher
     * purges about once a minute, in batches. Default: 7 days.
     */
    public Builder keepPublished(Duration keepPublished) {
      this.keepPublished = keepPublished;
      this.keepForever = false;
      return this;
    }

    /** Never delete published events; purge them yourself. Default: they are kept for 7 days. */
    public Builder keepPublishedForever() {
      this.keepForever = true;
      return this;
    }

    /** Hears claims, publications, retries and failures. Default: {@link PublishingListener#NONE}. */
    public Builder listener(PublishingListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Checks the settings and creates a publisher, not yet started.
     *
     * @throws IllegalArgumentException naming the first bad setting, its bounds and its value
     */
    public Publisher build() {
      require(outbox != null, "outbox is required, was null");
      require(handler != null, "handler is required, was null");
      int inFlight = checkSettings();
      String owner = name + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
      return new Publisher(new PublisherEngine(new PublisherEngine.Settings(
          outbox, leaseGuarded(handler), signals, name, owner, batchSize, workers, inFlight, pollInterval, lease,
          stopTimeout, retryPolicy, listener, keepForever ? null : keepPublished, outageProbeInterval,
          heartbeatInterval)));
    }

    /**
     * Checks every setting as {@link #build()} does, except the outbox and the handler, for a
     * program that reads its settings before it can connect: a bad value fails at once, not after
     * the database answered.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    public Builder validate() {
      checkSettings();
      return this;
    }

    /** Checks the settings; returns the effective maxInFlight. */
    private int checkSettings() {
      require(retryPolicy != null, "retryPolicy is required, was null");
      require(listener != null, "listener is required, was null");
      requireName("name", name);
      requireBetween("batchSize", batchSize, 1, MAX_BATCH_SIZE);
      requireBetween("workers", workers, 1, MAX_WORKERS);
      int inFlight = maxInFlight == null ? 2 * batchSize : maxInFlight;
      require(inFlight >= batchSize && inFlight <= MAX_IN_FLIGHT,
          "maxInFlight must be batchSize (" + batchSize + ") to " + MAX_IN_FLIGHT + ", was " + inFlight);
      requireBetween("pollInterval", pollInterval, Duration.ofMillis(10), MAX_POLL_INTERVAL);
      requireBetween("lease", lease, Duration.ofSeconds(1), MAX_LEASE);
      requireBetween("stopTimeout", stopTimeout, Duration.ZERO, MAX_STOP_TIMEOUT);
      if (!keepForever) {
        requireBetween("keepPublished", keepPublished, Duration.ofMinutes(1), MAX_KEEP_PUBLISHED);
      }
      requireBetween("outageProbeInterval", outageProbeInterval, Duration.ofMillis(100), Duration.ofMinutes(10));
      requireBetween("heartbeatInterval", heartbeatInterval, Duration.ofMillis(100), Duration.ofMinutes(10));
      return inFlight;
    }

    @Override
    public String toString() {
      return "Publisher.Builder[name=" + name + ", batchSize=" + batchSize + ", workers=" + workers
          + ", maxInFlight=" + Objects.requireNonNullElse(maxInFlight, 2 * batchSize)
          + ", pollInterval=" + pollInterval + ", lease=" + lease + ", stopTimeout=" + stopTimeout
          + ", outageProbeInterval=" + outageProbeInterval
          + ", keepPublished=" + (keepForever ? "forever" : keepPublished) + ", retryPolicy=" + retryPolicy + "]";
    }

    /**
     * A handler of one event at a time, which the publisher calls in a loop, checked against the
     * {@link LeaseGuard} before each event; batch handlers check it themselves.
     */
    private static EventHandler leaseGuarded(EventHandler handler) {
      if (handler instanceof BatchEventHandler) {
        return handler;
      }
      return event -> {
        if (LeaseGuard.ended()) {
          throw LeaseGuard.endedFor(event);
        }
        handler.handle(event);
      };
    }
  }
}
