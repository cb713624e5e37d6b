package io.messagedriven.micrometer;

import static io.messagedriven.publisher.BuilderChecks.require;
import static io.messagedriven.publisher.BuilderChecks.requireBetween;
import static io.messagedriven.publisher.BuilderChecks.requireName;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.TargetedEventHandler;
import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.micrometer.internal.Meters;
import io.messagedriven.micrometer.internal.MeteringListener;
import io.messagedriven.micrometer.internal.StatusGauges;
import io.messagedriven.micrometer.internal.TimedBatchHandler;
import io.messagedriven.micrometer.internal.TimedHandler;
import io.messagedriven.micrometer.internal.TimedTargetedHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * Micrometer metrics of the outbox and its publishers.
 *
 * <p>Given {@link Builder#operations}, the outbox itself is measured: {@value #EVENTS} per status
 * and the {@value #LAG}, read every {@link Builder#refreshInterval} on a thread of its own, so a
 * scrape never queries the database; {@link #close()} stops it. Publishing is measured through the publisher's own extension points: {@link
 * #listener(String)} counts what a publisher records and times occurrence to publication, {@link
 * #timed(String, EventHandler)} times a target's handler.
 *
 * <table>
 *   <caption>Meters (Prometheus names in brackets)</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #EVENTS}</td><td>gauge</td><td>status ({@code pending}, {@code in_flight},
 *       {@code published}, {@code failed})</td><td>events in the outbox (published ones until purged)</td></tr>
 *   <tr><td>{@value #LAG} ({@code message_driven_lag_seconds})</td><td>gauge</td><td>none</td>
 *       <td>age of the oldest due event, in seconds; 0 when none is due</td></tr>
 *   <tr><td>{@value #PUBLISHED} ({@code message_driven_published_total})</td><td>counter</td>
 *       <td>event, target</td><td>events marked published</td></tr>
 *   <tr><td>{@value #RETRIED}</td><td>counter</td><td>event, target</td><td>failed attempts put back for a retry</td></tr>
 *   <tr><td>{@value #FAILED}</td><td>counter</td><td>event, target</td><td>events failed for good</td></tr>
 *   <tr><td>{@value #UNAVAILABLE}</td><td>counter</td><td>event, target</td>
 *       <td>attempts given back while the target was unavailable (an outage spends no attempt)</td></tr>
 *   <tr><td>{@value #LEASE_LOST}</td><td>counter</td><td>event, target</td>
 *       <td>outcomes not recorded because the lease had passed to another publisher</td></tr>
 *   <tr><td>{@value #HANDLER} ({@code message_driven_handler_seconds})</td><td>timer</td>
 *       <td>event, target, outcome ({@code success}, {@code failure})</td><td>time the target's handler took</td></tr>
 *   <tr><td>{@value #LATENCY} ({@code message_driven_latency_seconds})</td><td>timer</td>
 *       <td>event, target</td><td>from the event's {@code occurredAt} to its publication being recorded</td></tr>
 * </table>
 *
 * <p>With {@link Builder#tenantTag(boolean)} every meter is also tagged {@value #TENANT} (the
 * tenant id): one series per tenant, a cardinality that is yours to choose. While the outbox
 * cannot be read, the gauges show NaN rather than a stale figure.
 *
 * <pre>{@code
 * OutboxMetrics metrics = OutboxMetrics.builder()
 *     .registry(registry)
 *     .operations(new Operations(store.operations()))
 *     .build();
 * Publisher.builder()
 *     .outbox(store.outbox())
 *     .handler(metrics.timed("rabbitmq", rabbit))
 *     .listener(metrics.listener("rabbitmq"))
 *     .build();
 * }</pre>
 */
public final class OutboxMetrics implements AutoCloseable {
  /** Gauge of the events in the outbox, per status. */
  public static final String EVENTS = Meters.EVENTS;
  /** Gauge of the age of the oldest due event, in seconds. */
  public static final String LAG = Meters.LAG;
  /** Counter of events marked published. */
  public static final String PUBLISHED = Meters.PUBLISHED;
  /** Counter of failed attempts put back for a retry. */
  public static final String RETRIED = Meters.RETRIED;
  /** Counter of events failed for good. */
  public static final String FAILED = Meters.FAILED;
  /** Counter of attempts given back while the target was unavailable. */
  public static final String UNAVAILABLE = Meters.UNAVAILABLE;
  /** Counter of outcomes not recorded because the lease had passed to another publisher. */
  public static final String LEASE_LOST = Meters.LEASE_LOST;
  /** Timer of the target's handler, per event. */
  public static final String HANDLER = Meters.HANDLER;
  /** Timer from an event's {@code occurredAt} to its publication being recorded. */
  public static final String LATENCY = Meters.LATENCY;

  /** Tag: the event name, such as {@code User.created}. */
  public static final String EVENT = Meters.EVENT;
  /** Tag: the target, as named in {@link #listener(String)} and {@link #timed(String, EventHandler)}. */
  public static final String TARGET = Meters.TARGET;
  /** Tag, opt-in: the tenant id. */
  public static final String TENANT = Meters.TENANT;
  /** Tag of {@value #HANDLER}: {@code success} or {@code failure}. */
  public static final String OUTCOME = Meters.OUTCOME;
  /** Tag of {@value #EVENTS}: {@code pending}, {@code in_flight}, {@code published} or {@code failed}. */
  public static final String STATUS = Meters.STATUS;

  private static final Duration MIN_REFRESH = Duration.ofMillis(100);
  private static final Duration MAX_REFRESH = Duration.ofHours(1);

  private final Meters meters;
  private final Clock clock;
  private final StatusGauges gauges;

  private OutboxMetrics(Meters meters, Clock clock, StatusGauges gauges) {
    this.meters = meters;
    this.clock = clock;
    this.gauges = gauges;
  }

  /** A builder; {@code registry} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A listener for a publisher of {@code target}: counts what it records ({@value #PUBLISHED},
   * {@value #RETRIED}, {@value #FAILED}, {@value #UNAVAILABLE}, {@value #LEASE_LOST}) and times
   * {@value #LATENCY}, each tagged with the event name and {@code target}.
   *
   * @param target the {@value #TARGET} tag: 1 to 64 letters, digits, '.', '_' or '-', such as {@code rabbitmq}
   * @throws IllegalArgumentException if {@code target} is malformed
   */
  public PublishingListener listener(String target) {
    return new MeteringListener(meters, checkedTarget(target), clock);
  }

  /**
   * {@code handler} with each call timed as {@value #HANDLER}, tagged with the event name, {@code
   * target} and the outcome. A {@link BatchEventHandler} stays one, so broker targets keep
   * pipelining; each event of a batch is recorded with the time of the whole call. A {@link
   * TargetedEventHandler} (a router) stays one too, so a retry still goes only to the targets
   * the event has not reached. What the handler throws goes on unchanged.
   *
   * @param target the {@value #TARGET} tag, as for {@link #listener(String)}
   * @throws IllegalArgumentException if {@code target} is malformed or {@code handler} null
   */
  public EventHandler timed(String target, EventHandler handler) {
    String checked = checkedTarget(target);
    require(handler != null, "handler is required, was null");
    if (handler instanceof TargetedEventHandler targeted) {
      return new TimedTargetedHandler(meters, checked, targeted);
    }
    return handler instanceof BatchEventHandler batch
        ? new TimedBatchHandler(meters, checked, batch)
        : new TimedHandler(meters, checked, handler);
  }

  /** Stops reading the counts for the gauges, which keep their last values. Counters and timers go on. */
  @Override
  public void close() {
    if (gauges != null) {
      gauges.close();
    }
  }

  private static String checkedTarget(String target) {
    requireName("target", target);
    return target;
  }

  /** Settings of {@link OutboxMetrics}. */
  public static final class Builder {
    private MeterRegistry registry;
    private Operations operations;
    private Duration refreshInterval = Duration.ofSeconds(5);
    private boolean tenantTag;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Where the meters go, such as a {@code PrometheusMeterRegistry}. Required. */
    public Builder registry(MeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    /**
     * Where the gauges {@value OutboxMetrics#EVENTS} and {@value OutboxMetrics#LAG} read the
     * counts, such as {@code new Operations(store.operations())}. Default: none, so there are no
     * gauges.
     */
    public Builder operations(Operations operations) {
      this.operations = operations;
      return this;
    }

    /**
     * How often the gauges read the counts, 100 ms to 1 hour: each read is one query, cheap on a
     * table of millions of events. Default: 5 s.
     */
    public Builder refreshInterval(Duration refreshInterval) {
      this.refreshInterval = refreshInterval;
      return this;
    }

    /**
     * Whether every meter is also tagged {@value OutboxMetrics#TENANT} with the tenant id: one
     * series per tenant. Default: false.
     */
    public Builder tenantTag(boolean tenantTag) {
      this.tenantTag = tenantTag;
      return this;
    }

    /** The clock {@value OutboxMetrics#LATENCY} is read on. Default: the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Checks the settings, registers the gauges (if {@link #operations} is set) and starts
     * reading their counts.
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    public OutboxMetrics build() {
      require(registry != null, "registry is required, was null");
      require(clock != null, "clock is required, was null");
      requireBetween("refreshInterval", refreshInterval, MIN_REFRESH, MAX_REFRESH);
      Meters meters = new Meters(registry, tenantTag);
      return new OutboxMetrics(meters, clock, operations == null ? null : new StatusGauges(meters, operations, refreshInterval));
    }

    @Override
    public String toString() {
      return "OutboxMetrics.Builder[operations=" + (operations != null) + ", refreshInterval=" + refreshInterval
          + ", tenantTag=" + tenantTag + "]";
    }
  }
}
