package io.messagedriven.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.publisher.Publisher;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** The message-driven.* properties reach the builders, and a value they refuse fails startup naming the property. */
class PublisherPropertiesIT {
  /** One database for the refusals: after the first, a store finds it migrated and runs nothing. */
  private static final String REFUSALS = TestApps.freshDatabase();

  @Test
  void thePublisherPropertiesReachTheBuilder() {
    AtomicReference<String> built = new AtomicReference<>();
    TestApps.runner(TestApps.freshDatabase()).withUserConfiguration(TestApps.Orders.class)
        .withBean(PublisherCustomizer.class, () -> builder -> built.set(builder.toString()))
        .withPropertyValues("message-driven.publisher.name=orders", "message-driven.publisher.batch-size=50",
            "message-driven.publisher.workers=2", "message-driven.publisher.max-in-flight=300",
            "message-driven.publisher.poll-interval=250ms", "message-driven.publisher.lease=2m",
            "message-driven.publisher.stop-timeout=10s", "message-driven.publisher.outage-probe-interval=2s",
            "message-driven.publisher.keep-published=2d", "message-driven.publisher.retry.max-attempts=3",
            "message-driven.publisher.retry.initial-delay=100ms", "message-driven.publisher.retry.max-delay=1m",
            "message-driven.publisher.retry.multiplier=3", "message-driven.publisher.retry.jitter=0.5",
            "message-driven.publisher.retry.non-retryable=java.lang.IllegalArgumentException")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(built.get()).isEqualTo("Publisher.Builder[name=orders, batchSize=50, workers=2, "
              + "maxInFlight=300, pollInterval=PT0.25S, lease=PT2M, stopTimeout=PT10S, outageProbeInterval=PT2S, "
              + "keepPublished=PT48H, retryPolicy=RetryPolicy[maxAttempts=3, initialDelay=PT0.1S, maxDelay=PT1M, "
              + "multiplier=3.0, jitter=0.5, nonRetryable=[class java.lang.IllegalArgumentException]]]");
          assertThat(context.getBean(Publisher.class).owner()).startsWith("orders-");
        });
  }

  @Test
  void aCustomizerRunsAfterTheProperties() {
    TestApps.runner(TestApps.freshDatabase()).withUserConfiguration(TestApps.Orders.class)
        .withPropertyValues("message-driven.publisher.name=from-properties")
        .withBean(PublisherCustomizer.class, () -> builder -> builder.name("from-customizer"))
        .run(context -> assertThat(context.getBean(Publisher.class).owner()).startsWith("from-customizer-"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "message-driven.publisher.batch-size          | 0      | batchSize must be 1 to 10000, was 0",
      "message-driven.publisher.workers             | 1001   | workers must be 1 to 1000, was 1001",
      "message-driven.publisher.max-in-flight       | 10     | maxInFlight must be batchSize (200) to 100000, was 10",
      "message-driven.publisher.name                | a b    | name must be 1 to 64 letters",
      "message-driven.publisher.poll-interval       | 1ms    | pollInterval must be 10ms to 1h, was PT0.001S",
      "message-driven.publisher.lease               | 0s     | lease must be 1s to 1d, was PT0S",
      "message-driven.publisher.stop-timeout        | -1s    | stopTimeout must be 0s to 1d, was PT-1S",
      "message-driven.publisher.outage-probe-interval | 1ms  | outageProbeInterval must be 100ms to 10min",
      "message-driven.publisher.keep-published      | 10s    | keepPublished must be 1min to 3650d, was PT10S",
      "message-driven.publisher.retry.max-attempts  | 0      | maxAttempts must be 1 to 10000, was 0",
      "message-driven.publisher.retry.initial-delay | 0ms    | initialDelay must be 1ms to 365d, was PT0S",
      "message-driven.publisher.retry.max-delay     | 1ms    | maxDelay must be initialDelay (PT1S) to 365d, was PT0.001S",
      "message-driven.publisher.retry.multiplier    | 0.5    | multiplier must be 1.0 to 10.0, was 0.5",
      "message-driven.publisher.retry.jitter        | 1.5    | jitter must be in [0, 1), was 1.5",
      "message-driven.schema                        | public | schema must be a lower-case identifier"})
  void aValueTheBuilderRefusesFailsStartupNamingTheProperty(String property, String value, String reason) {
    TestApps.runner(REFUSALS).withUserConfiguration(TestApps.Orders.class)
        .withPropertyValues(property + "=" + value)
        .run(context -> {
          assertThat(context).hasFailed();
          InvalidConfigurationPropertyValueException refused = findRefusal(context.getStartupFailure());
          assertThat(refused.getName()).isEqualTo(property);
          assertThat(refused.getValue()).asString().isNotEmpty();
          assertThat(refused.getMessage()).startsWith("Property " + property + " with value '").contains(reason);
        });
  }

  private static InvalidConfigurationPropertyValueException findRefusal(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidConfigurationPropertyValueException refused) {
        return refused;
      }
    }
    throw new AssertionError("no InvalidConfigurationPropertyValueException in " + failure, failure);
  }
}
