package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.OutboxPort;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PublisherBuilderTest {

  /** An outbox with nothing in it; the builder only needs one to exist. */
  private static final OutboxPort EMPTY = new EmptyOutbox();

  private static Publisher.Builder valid() {
    return Publisher.builder().outbox(EMPTY).handler(event -> { });
  }

  static List<Arguments> badSettings() {
    return List.of(
        bad("outbox", b -> b.outbox(null), "outbox is required"),
        bad("handler", b -> b.handler(null), "handler is required"),
        bad("batchSize 0", b -> b.batchSize(0), "batchSize must be 1 to 10000, was 0"),
        bad("batchSize too large", b -> b.batchSize(10_001), "batchSize must be 1 to 10000, was 10001"),
        bad("workers 0", b -> b.workers(0), "workers must be 1 to 1000, was 0"),
        bad("workers too many", b -> b.workers(1_001), "workers must be 1 to 1000, was 1001"),
        bad("maxInFlight below batch", b -> b.batchSize(100).maxInFlight(99), "maxInFlight must be batchSize (100) to 100000, was 99"),
        bad("maxInFlight too many", b -> b.maxInFlight(100_001), "maxInFlight must be batchSize (200) to 100000, was 100001"),
        bad("pollInterval", b -> b.pollInterval(Duration.ofMillis(5)), "pollInterval must be 10ms to 1h, was PT0.005S"),
        bad("pollInterval too long", b -> b.pollInterval(Duration.ofMinutes(61)), "pollInterval must be 10ms to 1h, was PT1H1M"),
        bad("pollInterval null", b -> b.pollInterval(null), "pollInterval must be 10ms to 1h, was null"),
        bad("lease", b -> b.lease(Duration.ofMillis(500)), "lease must be 1s to 1d, was PT0.5S"),
        bad("lease of a million days", b -> b.lease(Duration.ofDays(1_000_000)), "lease must be 1s to 1d, was PT24000000H"),
        bad("lease just over a day", b -> b.lease(Duration.ofDays(1).plusNanos(1)), "lease must be 1s to 1d, was PT24H0.000000001S"),
        bad("lease null", b -> b.lease(null), "lease must be 1s to 1d, was null"),
        bad("stopTimeout", b -> b.stopTimeout(Duration.ofSeconds(-1)), "stopTimeout must be 0s to 1d, was PT-1S"),
        bad("stopTimeout huge", b -> b.stopTimeout(Duration.ofSeconds(Long.MAX_VALUE)), "stopTimeout must be 0s to 1d, was PT2562047788015215H30M7S"),
        bad("stopTimeout null", b -> b.stopTimeout(null), "stopTimeout must be 0s to 1d, was null"),
        bad("name", b -> b.name("has space"), "name must be 1 to 64 letters, digits, '.', '_' or '-', was has space"),
        bad("retryPolicy", b -> b.retryPolicy(null), "retryPolicy is required"),
        bad("listener", b -> b.listener(null), "listener is required"),
        bad("keepPublished", b -> b.keepPublished(Duration.ofSeconds(30)), "keepPublished must be 1min to 3650d, was PT30S"),
        bad("keepPublished over 10 years", b -> b.keepPublished(Duration.ofDays(3_651)), "keepPublished must be 1min to 3650d, was PT87624H"),
        bad("keepPublished null", b -> b.keepPublished(null), "keepPublished must be 1min to 3650d, was null"),
        bad("outageProbeInterval too short", b -> b.outageProbeInterval(Duration.ofMillis(99)),
            "outageProbeInterval must be 100ms to 10min, was PT0.099S"),
        bad("outageProbeInterval too long", b -> b.outageProbeInterval(Duration.ofMinutes(11)),
            "outageProbeInterval must be 100ms to 10min, was PT11M"),
        bad("outageProbeInterval null", b -> b.outageProbeInterval(null), "outageProbeInterval must be 100ms to 10min, was null"),
        bad("heartbeatInterval too short", b -> b.heartbeatInterval(Duration.ofMillis(99)),
            "heartbeatInterval must be 100ms to 10min, was PT0.099S"),
        bad("heartbeatInterval too long", b -> b.heartbeatInterval(Duration.ofMinutes(11)),
            "heartbeatInterval must be 100ms to 10min, was PT11M"));
  }

  private static Arguments bad(String what, UnaryOperator<Publisher.Builder> change, String message) {
    return Arguments.of(what, change, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void buildRefusesABadSettingNamingItAndItsValue(String what, UnaryOperator<Publisher.Builder> change, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void everyBoundItselfIsAccepted() {
    assertThat(valid().batchSize(10_000).maxInFlight(100_000).workers(1_000).pollInterval(Duration.ofHours(1))
        .lease(Duration.ofDays(1)).stopTimeout(Duration.ofDays(1)).keepPublished(Duration.ofDays(3_650))
        .outageProbeInterval(Duration.ofMinutes(10)).build()
        .isRunning()).isFalse();
    assertThat(valid().batchSize(1).maxInFlight(1).workers(1).pollInterval(Duration.ofMillis(10))
        .lease(Duration.ofSeconds(1)).stopTimeout(Duration.ZERO).keepPublished(Duration.ofMinutes(1))
        .outageProbeInterval(Duration.ofMillis(100)).build()
        .isRunning()).isFalse();
  }

  @Test
  void keepingPublishedEventsForeverNeedsNoRetention() {
    assertThat(valid().keepPublished(null).keepPublishedForever().build().isRunning()).isFalse();
  }

  @Test
  void aPublisherWithTheLongestLeaseAndStopTimeoutStartsAndStops() {
    Publisher publisher = valid().lease(Duration.ofDays(1)).stopTimeout(Duration.ofDays(1))
        .pollInterval(Duration.ofHours(1)).build();
    publisher.start();

    publisher.close();

    assertThat(publisher.isRunning()).isFalse();
  }

  @Test
  void stopRefusesATimeoutOutsideZeroToADay() {
    Publisher publisher = valid().build();

    assertThatThrownBy(() -> publisher.stop(Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be 0s to 1d, was PT48H");
    assertThatThrownBy(() -> publisher.stop(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be 0s to 1d, was PT-1S");
    assertThatThrownBy(() -> publisher.stop(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be 0s to 1d, was null");
  }

  @Test
  void defaultsBuildAPublisherThatIsNotYetRunning() {
    Publisher publisher = valid().name("orders").build();

    assertThat(publisher.isRunning()).isFalse();
    assertThat(publisher.owner()).startsWith("orders-");
  }

  @Test
  void aPublisherStartsOnlyOnce() {
    Publisher publisher = valid().build();
    publisher.start();
    try {
      assertThatThrownBy(publisher::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
    } finally {
      publisher.stop(Duration.ofSeconds(1));
    }
    assertThat(publisher.isRunning()).isFalse();
  }
}
