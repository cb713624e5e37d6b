package io.messagedriven.examples;

import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * Every setting of the store and the publisher as {@code MessagePublisher} flags, a picocli
 * mixin. A flag left out keeps the builder's default, quoted in its description; a value the
 * builder refuses is reported under the flag's name.
 */
final class PublisherOptions {
  @Option(names = "--jdbc-url", defaultValue = "${env:" + Database.URL_VARIABLE + "}",
      description = "jdbc:postgresql://host:port/db?user=... (or " + Database.URL_VARIABLE + "); required")
  String jdbcUrl;
  @Option(names = "--schema", description = "the library's schema (default message_driven)")
  String schema;
  @Option(names = "--no-migrations", description = "do not run the library's migrations: you run them yourself")
  boolean noMigrations;
  @Option(names = "--publisher-pool-size", description = "database connections of the publisher (default 4)")
  Integer publisherPoolSize;
  @Option(names = "--failed-holds-aggregate",
      description = "a failed event holds back the later events of its aggregate until it is requeued (default: it does not)")
  boolean failedHoldsAggregate;

  @Option(names = "--name", defaultValue = "message-publisher",
      description = "publisher name for threads and leases (default ${DEFAULT-VALUE})")
  String name;
  @Option(names = "--batch-size", description = "events claimed at once, 1 to 10000 (default 200)")
  Integer batchSize;
  @Option(names = "--workers", description = "handler threads, 1 to 1000 (default 4)")
  Integer workers;
  @Option(names = "--max-in-flight", description = "most events claimed and not yet acknowledged (default twice the batch size)")
  Integer maxInFlight;
  @Option(names = "--poll-interval", converter = DurationConverter.class,
      description = "how long an idle publisher waits when no signal wakes it, 10ms to 1h (default 1s)")
  Duration pollInterval;
  @Option(names = "--lease", converter = DurationConverter.class,
      description = "how long a claimed event stays leased, 1s to 1d (default 60s)")
  Duration lease;
  @Option(names = "--stop-timeout", converter = DurationConverter.class, defaultValue = "30s",
      description = "how long a stop waits for running handlers, 0 to 1d (default 30s)")
  Duration stopTimeout;
  @Option(names = "--outage-probe-interval", converter = DurationConverter.class,
      description = "longest wait between probes of a target that is down, 100ms to 10m (default 5s)")
  Duration outageProbeInterval;
  @Option(names = "--keep-published", paramLabel = "DURATION|forever",
      description = "how long published events stay before they are purged, 1m to 3650d, or forever (default 7d)")
  String keepPublished;

  @Option(names = "--max-attempts", description = "attempts before an event fails for good (default 10)")
  Integer maxAttempts;
  @Option(names = "--retry-initial-delay", converter = DurationConverter.class, description = "first backoff (default 1s)")
  Duration retryInitialDelay;
  @Option(names = "--retry-max-delay", converter = DurationConverter.class, description = "longest backoff (default 10m)")
  Duration retryMaxDelay;
  @Option(names = "--retry-multiplier", description = "backoff growth per attempt, 1 to 10 (default 2)")
  Double retryMultiplier;
  @Option(names = "--retry-jitter", description = "random share of each delay, 0 to 1 (default 0.2)")
  Double retryJitter;

  /** The store's builder with every store flag applied. */
  PostgresStore.Builder store(String url) {
    PostgresStore.Builder store = PostgresStore.builder().jdbcUrl(url);
    flag("--schema", schema, store::schema);
    flag("--publisher-pool-size", publisherPoolSize, store::publisherPoolSize);
    if (noMigrations) {
      store.migrate(false);
    }
    if (failedHoldsAggregate) {
      store.failedEventsHoldAggregate(true);
    }
    return store;
  }

  /**
   * The publisher's builder with every publisher flag applied.
   *
   * @throws IllegalArgumentException naming the flag whose value the builder refuses
   */
  Publisher.Builder publisher() {
    Publisher.Builder publisher = Publisher.builder();
    flag("--name", name, publisher::name);
    flag("--batch-size", batchSize, publisher::batchSize);
    flag("--workers", workers, publisher::workers);
    flag("--max-in-flight", maxInFlight, publisher::maxInFlight);
    flag("--poll-interval", pollInterval, publisher::pollInterval);
    flag("--lease", lease, publisher::lease);
    flag("--stop-timeout", stopTimeout, publisher::stopTimeout);
    flag("--outage-probe-interval", outageProbeInterval, publisher::outageProbeInterval);
    if ("forever".equals(keepPublished)) {
      publisher.keepPublishedForever();
    } else {
      flag("--keep-published", keepPublished == null ? null : new DurationConverter().convert(keepPublished),
          publisher::keepPublished);
    }
    publisher.retryPolicy(retryPolicy());
    try {
      return publisher.validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flagOf(e.getMessage()) + ": " + e.getMessage(), e);
    }
  }

  /** The flag of the setting a builder's message starts with: {@code maxInFlight must be ...} is {@code --max-in-flight}. */
  static String flagOf(String message) {
    String setting = message.split("\\s", 2)[0];
    return "--" + setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private RetryPolicy retryPolicy() {
    RetryPolicy[] policy = {RetryPolicy.DEFAULT};
    flag("--max-attempts", maxAttempts, attempts -> policy[0] = policy[0].withMaxAttempts(attempts));
    if (retryInitialDelay != null || retryMaxDelay != null) {
      Duration initial = retryInitialDelay != null ? retryInitialDelay : policy[0].initialDelay();
      Duration max = retryMaxDelay != null ? retryMaxDelay : policy[0].maxDelay();
      flag("--retry-initial-delay/--retry-max-delay", initial, ignored -> policy[0] = policy[0].withDelays(initial, max));
    }
    flag("--retry-multiplier", retryMultiplier, factor -> policy[0] = policy[0].withMultiplier(factor));
    flag("--retry-jitter", retryJitter, fraction -> policy[0] = policy[0].withJitter(fraction));
    return policy[0];
  }

  /** Applies a given flag; the builder's refusal is reported under the flag's name. */
  private static <T> void flag(String flag, T value, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }
}
