package io.messagedriven.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code message-driven.*} properties. Every default is the one of the library's builders
 * ({@code PostgresStore.Builder}, {@code Publisher.Builder}, {@code RetryPolicy.DEFAULT}), and
 * every value is checked by them at startup: a bad one fails the application context with the
 * property's name, its value and the allowed range.
 */
@ConfigurationProperties(prefix = "message-driven")
public class MessageDrivenProperties {

  /** What an append does when no Spring-managed transaction is active. */
  public enum OutsideTransaction {
    /** Refuse it with a {@code NoTransactionException}; nothing is written. */
    REFUSE,
    /** Append in a transaction of its own, committed at once. */
    OWN_TRANSACTION
  }

  /**
   * Schema of the library's tables, functions and policies: a lower-case identifier, not public
   * nor pg_*.
   */
  private String schema = "message_driven";   // PostgresStore.DEFAULT_SCHEMA, written out for the metadata

  /**
   * Whether the outbox's Liquibase migrations run at startup. Turn it off when your own
   * Liquibase changelog includes io/messagedriven/jdbi/db/changelog.xml.
   */
  private boolean migrate = true;

  /** More Liquibase changelogs on the classpath, run after the library's with the same schema parameter. */
  private List<String> changelogs = new ArrayList<>();

  /**
   * Whether an event that failed for good keeps holding back the later events of its aggregate,
   * until an operator requeues or removes it.
   */
  private boolean failedEventsHoldAggregate = false;

  /**
   * What an append does when no Spring-managed transaction is active: refuse (a
   * NoTransactionException, nothing written) or own-transaction (commit it on its own).
   */
  private OutsideTransaction outsideTransaction = OutsideTransaction.REFUSE;

  private final Publisher publisher = new Publisher();

  private final Health health = new Health();

  private final Metrics metrics = new Metrics();

  /** The schema; see the property's description. */
  public String getSchema() {
    return schema;
  }

  /** Sets {@code message-driven.schema}. */
  public void setSchema(String schema) {
    this.schema = schema;
  }

  /** Whether the migrations run at startup. */
  public boolean isMigrate() {
    return migrate;
  }

  /** Sets {@code message-driven.migrate}. */
  public void setMigrate(boolean migrate) {
    this.migrate = migrate;
  }

  /** The changelogs run after the library's. */
  public List<String> getChangelogs() {
    return changelogs;
  }

  /** Sets {@code message-driven.changelogs}. */
  public void setChangelogs(List<String> changelogs) {
    this.changelogs = changelogs;
  }

  /** Whether a failed event holds back its aggregate. */
  public boolean isFailedEventsHoldAggregate() {
    return failedEventsHoldAggregate;
  }

  /** Sets {@code message-driven.failed-events-hold-aggregate}. */
  public void setFailedEventsHoldAggregate(boolean failedEventsHoldAggregate) {
    this.failedEventsHoldAggregate = failedEventsHoldAggregate;
  }

  /** What an append outside a transaction does. */
  public OutsideTransaction getOutsideTransaction() {
    return outsideTransaction;
  }

  /** Sets {@code message-driven.outside-transaction}. */
  public void setOutsideTransaction(OutsideTransaction outsideTransaction) {
    this.outsideTransaction = outsideTransaction;
  }

  /** The {@code message-driven.publisher.*} properties. */
  public Publisher getPublisher() {
    return publisher;
  }

  /** The {@code message-driven.health.*} properties. */
  public Health getHealth() {
    return health;
  }

  /** The {@code message-driven.metrics.*} properties. */
  public Metrics getMetrics() {
    return metrics;
  }

  /** {@code message-driven.publisher.*}: the settings of {@code Publisher.Builder}. */
  public static class Publisher {
    /** Whether this instance runs a publisher; turn it off for instances that only write events. */
    private boolean enabled = true;

    /** Whether idle publishers wake at once on commits that append events (LISTEN/NOTIFY); else they only poll. */
    private boolean signals = true;

    /** A name for threads and the lease owner: 1 to 64 letters, digits, '.', '_' or '-'. */
    private String name = "publisher";

    /** Most events claimed at once, 1 to 10,000. */
    private int batchSize = 200;

    /** Threads that run the handlers, 1 to 1,000. */
    private int workers = 4;

    /** Most events claimed and not yet acknowledged, from batch-size to 100,000. Default: twice the batch size. */
    private Integer maxInFlight;

    /** How long an idle publisher waits before claiming again when no signal wakes it, 10ms to 1h. */
    private Duration pollInterval = Duration.ofSeconds(1);

    /** How long a claimed event stays leased to this publisher, 1s to 1d; well above the slowest handler. */
    private Duration lease = Duration.ofSeconds(60);

    /** How long stopping (with the application context) waits for running handlers, 0s to 1d. */
    private Duration stopTimeout = Duration.ofSeconds(30);

    /** The longest wait between probes of a target that is unavailable, 100ms to 10min. */
    private Duration outageProbeInterval = Duration.ofSeconds(5);

    /** How long published events stay in the outbox before this publisher deletes them, 1min to 3650d. */
    private Duration keepPublished = Duration.ofDays(7);

    /** Never delete published events (purge them yourself); keep-published is then ignored. */
    private boolean keepPublishedForever = false;

    private final Retry retry = new Retry();

    /** Whether this instance runs a publisher. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@code message-driven.publisher.enabled}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** Whether publishers wake on commits. */
    public boolean isSignals() {
      return signals;
    }

    /** Sets {@code message-driven.publisher.signals}. */
    public void setSignals(boolean signals) {
      this.signals = signals;
    }

    /** The publisher's name. */
    public String getName() {
      return name;
    }

    /** Sets {@code message-driven.publisher.name}. */
    public void setName(String name) {
      this.name = name;
    }

    /** Most events claimed at once. */
    public int getBatchSize() {
      return batchSize;
    }

    /** Sets {@code message-driven.publisher.batch-size}. */
    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    /** Handler threads. */
    public int getWorkers() {
      return workers;
    }

    /** Sets {@code message-driven.publisher.workers}. */
    public void setWorkers(int workers) {
      this.workers = workers;
    }

    /** Most events in flight, or null for twice the batch size. */
    public Integer getMaxInFlight() {
      return maxInFlight;
    }

    /** Sets {@code message-driven.publisher.max-in-flight}. */
    public void setMaxInFlight(Integer maxInFlight) {
      this.maxInFlight = maxInFlight;
    }

    /** The poll interval. */
    public Duration getPollInterval() {
      return pollInterval;
    }

    /** Sets {@code message-driven.publisher.poll-interval}. */
    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    /** The lease. */
    public Duration getLease() {
      return lease;
    }

    /** Sets {@code message-driven.publisher.lease}. */
    public void setLease(Duration lease) {
      this.lease = lease;
    }

    /** The stop timeout. */
    public Duration getStopTimeout() {
      return stopTimeout;
    }

    /** Sets {@code message-driven.publisher.stop-timeout}. */
    public void setStopTimeout(Duration stopTimeout) {
      this.stopTimeout = stopTimeout;
    }

    /** The longest wait between outage probes. */
    public Duration getOutageProbeInterval() {
      return outageProbeInterval;
    }

    /** Sets {@code message-driven.publisher.outage-probe-interval}. */
    public void setOutageProbeInterval(Duration outageProbeInterval) {
      this.outageProbeInterval = outageProbeInterval;
    }

    /** How long published events are kept. */
    public Duration getKeepPublished() {
      return keepPublished;
    }

    /** Sets {@code message-driven.publisher.keep-published}. */
    public void setKeepPublished(Duration keepPublished) {
      this.keepPublished = keepPublished;
    }

    /** Whether published events are kept forever. */
    public boolean isKeepPublishedForever() {
      return keepPublishedForever;
    }

    /** Sets {@code message-driven.publisher.keep-published-forever}. */
    public void setKeepPublishedForever(boolean keepPublishedForever) {
      this.keepPublishedForever = keepPublishedForever;
    }

    /** The {@code message-driven.publisher.retry.*} properties. */
    public Retry getRetry() {
      return retry;
    }
  }

  /** {@code message-driven.publisher.retry.*}: the publisher's {@code RetryPolicy}. */
  public static class Retry {
    /** Attempts in all, 1 to 10,000; 1 means no retry. */
    private int maxAttempts = 10;

    /** Delay after the first failed attempt, 1ms to 365d. */
    private Duration initialDelay = Duration.ofSeconds(1);

    /** The longest delay, from initial-delay to 365d. */
    private Duration maxDelay = Duration.ofMinutes(10);

    /** Growth of the delay per attempt, 1.0 to 10.0. */
    private double multiplier = 2.0;

    /** Fraction of each delay that is random, from 0 to 1 exclusive. */
    private double jitter = 0.2;

    /** Exception types (and their subtypes) that fail an event at once, besides NonRetryableException. */
    private Set<Class<? extends Throwable>> nonRetryable = new LinkedHashSet<>();

    /** Attempts in all. */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /** Sets {@code message-driven.publisher.retry.max-attempts}. */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /** The first delay. */
    public Duration getInitialDelay() {
      return initialDelay;
    }

    /** Sets {@code message-driven.publisher.retry.initial-delay}. */
    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    /** The longest delay. */
    public Duration getMaxDelay() {
      return maxDelay;
    }

    /** Sets {@code message-driven.publisher.retry.max-delay}. */
    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    /** Growth per attempt. */
    public double getMultiplier() {
      return multiplier;
    }

    /** Sets {@code message-driven.publisher.retry.multiplier}. */
    public void setMultiplier(double multiplier) {
      this.multiplier = multiplier;
    }

    /** The random fraction of each delay. */
    public double getJitter() {
      return jitter;
    }

    /** Sets {@code message-driven.publisher.retry.jitter}. */
    public void setJitter(double jitter) {
      this.jitter = jitter;
    }

    /** Exception types that fail an event at once. */
    public Set<Class<? extends Throwable>> getNonRetryable() {
      return nonRetryable;
    }

    /** Sets {@code message-driven.publisher.retry.non-retryable}. */
    public void setNonRetryable(Set<Class<? extends Throwable>> nonRetryable) {
      this.nonRetryable = nonRetryable;
    }
  }

  /** {@code message-driven.health.*}: the Actuator health indicator {@code messageDriven}. */
  public static class Health {
    /** What the outbox reports when its lag is above lag-threshold. */
    public enum LagStatus {
      /** {@code DOWN}. */
      DOWN,
      /** {@code OUT_OF_SERVICE}. */
      OUT_OF_SERVICE
    }

    /**
     * Lag (the age of the oldest event due for publishing) above which the outbox is unhealthy.
     * Default: none, the lag is reported but never changes the status.
     */
    private Duration lagThreshold;

    /** The status reported when the lag is above lag-threshold: down or out-of-service. */
    private LagStatus lagStatus = LagStatus.DOWN;

    /** The lag threshold, or null for none. */
    public Duration getLagThreshold() {
      return lagThreshold;
    }

    /** Sets {@code message-driven.health.lag-threshold}. */
    public void setLagThreshold(Duration lagThreshold) {
      this.lagThreshold = lagThreshold;
    }

    /** The status above the threshold. */
    public LagStatus getLagStatus() {
      return lagStatus;
    }

    /** Sets {@code message-driven.health.lag-status}. */
    public void setLagStatus(LagStatus lagStatus) {
      this.lagStatus = lagStatus;
    }
  }

  /**
   * {@code message-driven.metrics.*}: the {@code OutboxMetrics} bound to the application's
   * {@code MeterRegistry}, when {@code message-driven-micrometer} is on the classpath.
   */
  public static class Metrics {
    /** Whether the outbox's meters are bound to the application's MeterRegistry. */
    private boolean enabled = true;

    /** How often the gauges (events per status, lag) read the outbox, 100ms to 1h. */
    private Duration refreshInterval = Duration.ofSeconds(5);

    /** Whether every meter is also tagged with the tenant id: one series per tenant. */
    private boolean tenantTag = false;

    /** Whether the meters are bound. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@code message-driven.metrics.enabled}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** How often the gauges read the outbox. */
    public Duration getRefreshInterval() {
      return refreshInterval;
    }

    /** Sets {@code message-driven.metrics.refresh-interval}. */
    public void setRefreshInterval(Duration refreshInterval) {
      this.refreshInterval = refreshInterval;
    }

    /** Whether every meter is tagged with the tenant id. */
    public boolean isTenantTag() {
      return tenantTag;
    }

    /** Sets {@code message-driven.metrics.tenant-tag}. */
    public void setTenantTag(boolean tenantTag) {
      this.tenantTag = tenantTag;
    }
  }
}
