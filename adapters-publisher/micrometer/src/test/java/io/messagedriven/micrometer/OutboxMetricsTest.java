package io.messagedriven.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.TargetedEventHandler;
import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboxMetricsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final TenantId TENANT = TenantId.parse("6f1c2a9e-4b7d-4c3e-9a8b-1d2e3f405162");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OutboxMetrics metrics = OutboxMetrics.builder().registry(registry).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  private static Event event(String name, Instant occurredAt) {
    return Event.raise(TENANT, "Order", "o-" + UUID.randomUUID(), name, "{}", occurredAt);
  }

  private static ClaimedEvent claimed(Event event) {
    return new ClaimedEvent(event, 1, UUID.randomUUID());
  }

  private double count(String name, String event, String target) {
    return registry.get(name).tag(OutboxMetrics.EVENT, event).tag(OutboxMetrics.TARGET, target).counter().count();
  }

  @Test
  void theListenerCountsEachOutcomeByEventNameAndTarget() {
    PublishingListener listener = metrics.listener("rabbitmq");
    Failure failure = Failure.of(new IllegalStateException("nack"));

    listener.published(claimed(event("Order.placed", NOW)));
    listener.published(claimed(event("Order.placed", NOW)));
    listener.published(claimed(event("Order.shipped", NOW)));
    listener.retried(claimed(event("Order.placed", NOW)), Duration.ofSeconds(1), failure);
    listener.failed(claimed(event("Order.placed", NOW)), failure);
    listener.unavailable(claimed(event("Order.placed", NOW)), failure);
    listener.leaseLost(claimed(event("Order.shipped", NOW)));
    metrics.listener("webhook").published(claimed(event("Order.placed", NOW)));

    assertThat(count(OutboxMetrics.PUBLISHED, "Order.placed", "rabbitmq")).isEqualTo(2);
    assertThat(count(OutboxMetrics.PUBLISHED, "Order.shipped", "rabbitmq")).isEqualTo(1);
    assertThat(count(OutboxMetrics.PUBLISHED, "Order.placed", "webhook")).isEqualTo(1);
    assertThat(count(OutboxMetrics.RETRIED, "Order.placed", "rabbitmq")).isEqualTo(1);
    assertThat(count(OutboxMetrics.FAILED, "Order.placed", "rabbitmq")).isEqualTo(1);
    assertThat(count(OutboxMetrics.UNAVAILABLE, "Order.placed", "rabbitmq")).isEqualTo(1);
    assertThat(count(OutboxMetrics.LEASE_LOST, "Order.shipped", "rabbitmq")).isEqualTo(1);
    assertThat(registry.find(OutboxMetrics.PUBLISHED).tagKeys(OutboxMetrics.TENANT).meters()).isEmpty();
  }

  @Test
  void latencyIsFromOccurrenceToThePublicationBeingRecorded() {
    metrics.listener("rabbitmq").published(claimed(event("Order.placed", NOW.minusMillis(1_500))));
    metrics.listener("rabbitmq").published(claimed(event("Order.placed", NOW.plusSeconds(60))));

    Timer latency = registry.get(OutboxMetrics.LATENCY).tag(OutboxMetrics.EVENT, "Order.placed").timer();
    assertThat(latency.count()).isEqualTo(2);
    assertThat(latency.max(TimeUnit.MILLISECONDS)).isEqualTo(1_500);
    assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).as("an occurredAt in the future counts as no wait").isEqualTo(1_500);
  }

  @Test
  void withTheTenantTagEveryMeterNamesTheTenant() throws Exception {
    OutboxMetrics perTenant = OutboxMetrics.builder().registry(registry).tenantTag(true).build();

    perTenant.listener("rabbitmq").published(claimed(event("Order.placed", NOW)));
    perTenant.timed("rabbitmq", event -> { }).handle(event("Order.placed", NOW));

    assertThat(registry.get(OutboxMetrics.PUBLISHED).tag(OutboxMetrics.TENANT, TENANT.toString()).counter().count()).isEqualTo(1);
    assertThat(registry.get(OutboxMetrics.LATENCY).tag(OutboxMetrics.TENANT, TENANT.toString()).timer().count()).isEqualTo(1);
    assertThat(registry.get(OutboxMetrics.HANDLER).tag(OutboxMetrics.TENANT, TENANT.toString()).timer().count()).isEqualTo(1);
  }

  @Test
  void aTimedHandlerRecordsEachCallWithItsOutcomeAndLetsItsExceptionGoOn() throws Exception {
    IllegalStateException refused = new IllegalStateException("refused");
    EventHandler ok = metrics.timed("webhook", event -> { });
    EventHandler failing = metrics.timed("webhook", event -> {
      throw refused;
    });

    ok.handle(event("Order.placed", NOW));
    ok.handle(event("Order.placed", NOW));
    assertThatThrownBy(() -> failing.handle(event("Order.placed", NOW))).isSameAs(refused);

    assertThat(handlerCount("webhook", "success")).isEqualTo(2);
    assertThat(handlerCount("webhook", "failure")).isEqualTo(1);
  }

  private long handlerCount(String target, String outcome) {
    return registry.get(OutboxMetrics.HANDLER).tag(OutboxMetrics.TARGET, target).tag(OutboxMetrics.OUTCOME, outcome).timer().count();
  }

  @Test
  void aTimedBatchHandlerStaysABatchHandlerAndRecordsEveryEventOfTheBatch() throws Exception {
    Event sent = event("Order.placed", NOW);
    Event refused = event("Order.placed", NOW);
    BatchEventHandler broker = events -> Map.of(refused.id(), new IllegalStateException("nack"));

    EventHandler timed = metrics.timed("kafka", broker);
    assertThat(timed).isInstanceOf(BatchEventHandler.class);
    Map<EventId, Exception> failures = ((BatchEventHandler) timed).handleAll(List.of(sent, refused));

    assertThat(failures).containsOnlyKeys(refused.id());
    assertThat(handlerCount("kafka", "success")).isEqualTo(1);
    assertThat(handlerCount("kafka", "failure")).isEqualTo(1);
  }

  @Test
  void aTimedRouterStaysATargetedHandlerAndPassesOnTheTargetsEachEventReachedBefore() throws Exception {
    Event event = event("Order.placed", NOW);
    Map<EventId, Set<String>> delivered = Map.of(event.id(), Set.of("webhook"));
    List<Map<EventId, Set<String>>> passedOn = new ArrayList<>();
    TargetedEventHandler router = (events, reached) -> {
      passedOn.add(reached);
      return Map.of();
    };

    EventHandler timed = metrics.timed("router", router);
    assertThat(timed).isInstanceOf(TargetedEventHandler.class);
    ((TargetedEventHandler) timed).handleAll(List.of(event), delivered);

    assertThat(passedOn).containsExactly(delivered);
    assertThat(handlerCount("router", "success")).isEqualTo(1);
  }

  @Test
  void aBatchHandlerThatThrowsRecordsEveryEventAsAFailure() {
    BatchEventHandler broken = events -> {
      throw new IllegalStateException("connection closed");
    };
    BatchEventHandler timed = (BatchEventHandler) metrics.timed("kafka", broken);

    assertThatThrownBy(() -> timed.handleAll(List.of(event("Order.placed", NOW), event("Order.placed", NOW))))
        .hasMessage("connection closed");
    assertThat(handlerCount("kafka", "failure")).isEqualTo(2);
  }

  @Test
  void badSettingsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> OutboxMetrics.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("registry is required, was null");
    assertThatThrownBy(() -> OutboxMetrics.builder().registry(registry).clock(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("clock is required, was null");
    assertThatThrownBy(() -> metrics.listener("rabbit mq"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("target must be").hasMessageEndingWith("was rabbit mq");
    assertThatThrownBy(() -> metrics.timed("", event -> { })).hasMessageEndingWith("was ");
    assertThatThrownBy(() -> metrics.timed("kafka", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("handler is required, was null");
    assertThat(registry.getMeters()).isEmpty();
  }
}
