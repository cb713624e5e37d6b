package io.messagedriven.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.Publisher;
import io.messagedriven.publisher.testing.OutboxFixture;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters of real publishers on real PostgreSQL, read back from a {@link SimpleMeterRegistry}. */
class PublisherMetricsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OutboxMetrics metrics = OutboxMetrics.builder().registry(registry).build();
  private final List<Publisher> publishers = new ArrayList<>();
  private OutboxFixture outbox;

  @BeforeEach
  void start() {
    outbox = OutboxFixture.create();
  }

  @AfterEach
  void stop() {
    publishers.forEach(publisher -> publisher.stop(Duration.ofSeconds(5)));
    outbox.close();
  }

  private Publisher publish(String name, String target, EventHandler handler, Duration lease) {
    Publisher publisher = Publisher.builder()
        .outbox(outbox.store().outbox())
        .signals(outbox.store().signals())
        .name(name)
        .pollInterval(Duration.ofMillis(50))
        .lease(lease)
        .retryPolicy(OutboxFixture.QUICK_RETRIES)
        .handler(metrics.timed(target, handler))
        .listener(metrics.listener(target))
        .build();
    publishers.add(publisher);
    publisher.start();
    return publisher;
  }

  private Event append(String aggregateId, String name) {
    Event event = Event.raise(outbox.tenant(), "Order", aggregateId, name, "{}", Instant.now().truncatedTo(ChronoUnit.MICROS));
    outbox.store().transactions().inTenant(outbox.tenant(), tx -> {
      tx.outbox().append(event);
      return null;
    });
    return event;
  }

  private RequiredSearch meter(String name, String event, String target) {
    return registry.get(name).tag(OutboxMetrics.EVENT, event).tag(OutboxMetrics.TARGET, target);
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " within " + PATIENCE);
      }
      Thread.sleep(20);
    }
  }

  private double count(String name, String event, String target) {
    var counter = registry.find(name).tag(OutboxMetrics.EVENT, event).tag(OutboxMetrics.TARGET, target).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aPublisherCountsPublicationsRetriesAndFailuresAndTimesItsHandlerAndTheLatency() throws Exception {
    Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    EventRouter router = EventRouter.builder()
        .route("Order.placed", event -> {
          if (event.aggregateId().startsWith("flaky") && refusedOnce.add(event.aggregateId())) {
            throw new IllegalStateException("try again");
          }
        })
        .route("Order.cancelled", event -> {
          throw new NonRetryableException("cannot cancel " + event.aggregateId());
        })
        .build();
    for (int i = 0; i < 5; i++) {
      append("ok-" + i, "Order.placed");
    }
    append("flaky-1", "Order.placed");
    append("bad-1", "Order.cancelled");

    publish("metered", "warehouse", router, Duration.ofSeconds(30));

    await("6 published and 1 failed", () -> count(OutboxMetrics.PUBLISHED, "Order.placed", "warehouse") == 6
        && count(OutboxMetrics.FAILED, "Order.cancelled", "warehouse") == 1);
    assertThat(count(OutboxMetrics.RETRIED, "Order.placed", "warehouse")).isEqualTo(1);
    assertThat(meter(OutboxMetrics.HANDLER, "Order.placed", "warehouse").tag(OutboxMetrics.OUTCOME, "success").timer().count())
        .isEqualTo(6);
    assertThat(meter(OutboxMetrics.HANDLER, "Order.placed", "warehouse").tag(OutboxMetrics.OUTCOME, "failure").timer().count())
        .isEqualTo(1);
    assertThat(meter(OutboxMetrics.HANDLER, "Order.cancelled", "warehouse").tag(OutboxMetrics.OUTCOME, "failure").timer().count())
        .isEqualTo(1);
    var latency = meter(OutboxMetrics.LATENCY, "Order.placed", "warehouse").timer();
    assertThat(latency.count()).isEqualTo(6);
    assertThat(latency.max(TimeUnit.MILLISECONDS)).isPositive().isLessThan(PATIENCE.toMillis());
  }

  private double gauge(String name, String status) {
    var search = registry.find(name).tag(OutboxMetrics.TENANT, outbox.tenant().toString());
    var gauge = (status == null ? search : search.tag(OutboxMetrics.STATUS, status)).gauge();
    return gauge == null ? -1 : gauge.value();
  }

  @Test
  void theGaugesReadTheEventsPerStatusAndTheLagOfTheOutboxPerTenant() throws Exception {
    append("ok-1", "Order.placed");
    append("ok-2", "Order.placed");
    append("bad-1", "Order.cancelled");
    try (OutboxMetrics gauged = OutboxMetrics.builder().registry(registry).tenantTag(true)
        .operations(new Operations(outbox.store().operations())).refreshInterval(Duration.ofMillis(100)).build()) {
      await("3 pending and a lag", () -> gauge(OutboxMetrics.EVENTS, "pending") == 3 && gauge(OutboxMetrics.LAG, null) > 0);

      publish("gauged", "warehouse", EventRouter.builder()
          .route("Order.placed", event -> { })
          .route("Order.cancelled", event -> {
            throw new NonRetryableException("cannot cancel");
          })
          .build(), Duration.ofSeconds(30));

      await("2 published, 1 failed, none pending", () -> gauge(OutboxMetrics.EVENTS, "published") == 2
          && gauge(OutboxMetrics.EVENTS, "failed") == 1 && gauge(OutboxMetrics.EVENTS, "pending") == 0);
      assertThat(gauge(OutboxMetrics.EVENTS, "in_flight")).isZero();
      await("no lag", () -> gauge(OutboxMetrics.LAG, null) == 0);
    }
  }

  @Test
  void aPublisherWhoseLeasePassedToAnotherCountsTheLostLease() throws Exception {
    append("slow-" + UUID.randomUUID(), "Order.placed");
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    publish("slow", "stalling", event -> {
      stalled.countDown();
      release.await(20, TimeUnit.SECONDS);
    }, Duration.ofSeconds(1));
    assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();

    publish("fast", "quick", event -> { }, Duration.ofSeconds(30));
    await("the fast publisher to publish the event", () -> count(OutboxMetrics.PUBLISHED, "Order.placed", "quick") == 1);
    release.countDown();

    await("the slow publisher to count its lost lease", () -> count(OutboxMetrics.LEASE_LOST, "Order.placed", "stalling") == 1);
    assertThat(count(OutboxMetrics.PUBLISHED, "Order.placed", "stalling")).isZero();
  }
}
