package io.messagedriven.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.micrometer.OutboxMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbox's meters in the application's MeterRegistry, counting what the starter's publisher does. */
class MetricsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The application's registry, as Actuator would provide one. */
  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  /** A listener of the application's that keeps the events it heard published. */
  static final class RecordingListener implements PublishingListener {
    final List<String> published = new CopyOnWriteArrayList<>();

    @Override
    public void published(ClaimedEvent event) {
      published.add(event.event().aggregateId());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Listening {
    @Bean
    RecordingListener recordingListener() {
      return new RecordingListener();
    }
  }

  /** An OutboxMetrics of the application's: counters and timers only, no gauges. */
  @Configuration(proxyBeanMethods = false)
  static class OwnMetrics {
    @Bean
    OutboxMetrics ownMetrics(MeterRegistry registry) {
      return OutboxMetrics.builder().registry(registry).build();
    }
  }

  private static MeterRegistry registry(ApplicationContext context) {
    return context.getBean(MeterRegistry.class);
  }

  private static double published(ApplicationContext context) {
    Counter counter = registry(context).find(OutboxMetrics.PUBLISHED)
        .tag(OutboxMetrics.EVENT, "Order.placed").tag(OutboxMetrics.TARGET, "router").counter();
    return counter == null ? 0 : counter.count();
  }

  private static double gauge(ApplicationContext context, String name, String status) {
    var search = registry(context).find(name);
    Gauge gauge = status == null ? search.gauge() : search.tag(OutboxMetrics.STATUS, status).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  @Test
  void theMetersAppearInTheApplicationsRegistryAndCountAPublishedEvent() {
    TestApps.runner(TestApps.freshDatabase())
        .withUserConfiguration(TestApps.Orders.class, Registry.class)
        .withPropertyValues("message-driven.metrics.refresh-interval=100ms")
        .run(context -> {
          assertThat(context).hasSingleBean(OutboxMetrics.class);
          context.getBean(TestApps.OrderService.class).place(100);

          await().atMost(WAIT).until(() -> published(context) == 1.0);
          Timer handler = registry(context).find(OutboxMetrics.HANDLER)
              .tag(OutboxMetrics.EVENT, "Order.placed").tag(OutboxMetrics.TARGET, "router")
              .tag(OutboxMetrics.OUTCOME, "success").timer();
          assertThat(handler).isNotNull();
          assertThat(handler.count()).isEqualTo(1);
          assertThat(registry(context).find(OutboxMetrics.LATENCY).timer()).isNotNull();
          await().atMost(WAIT).until(() -> gauge(context, OutboxMetrics.EVENTS, "published") == 1.0);
          assertThat(gauge(context, OutboxMetrics.EVENTS, "pending")).isZero();
          assertThat(gauge(context, OutboxMetrics.LAG, null)).isZero();
        });
  }

  @Test
  void aPublishingListenerBeanStillHearsEventsBesideTheMetrics() {
    TestApps.runner(TestApps.freshDatabase())
        .withUserConfiguration(TestApps.Orders.class, Registry.class, Listening.class)
        .run(context -> {
          String order = context.getBean(TestApps.OrderService.class).place(100).toString();

          await().atMost(WAIT).until(() -> published(context) == 1.0);
          await().atMost(WAIT).until(() -> context.getBean(RecordingListener.class).published.contains(order));
        });
  }

  @Test
  void metricsOffByPropertyLeaveNoMeters() {
    TestApps.runner(TestApps.freshDatabase())
        .withUserConfiguration(TestApps.Orders.class, Registry.class, Listening.class)
        .withPropertyValues("message-driven.metrics.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(OutboxMetrics.class);
          String order = context.getBean(TestApps.OrderService.class).place(100).toString();

          await().atMost(WAIT).until(() -> context.getBean(RecordingListener.class).published.contains(order));
          assertThat(registry(context).getMeters())
              .noneMatch(meter -> meter.getId().getName().startsWith("message_driven"));
        });
  }

  @Test
  void noRegistryMeansNoMetricsAndThePublisherStillPublishes() {
    TestApps.runner(TestApps.freshDatabase())
        .withUserConfiguration(TestApps.Orders.class, Listening.class)
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(OutboxMetrics.class);
          String order = context.getBean(TestApps.OrderService.class).place(100).toString();

          await().atMost(WAIT).until(() -> context.getBean(RecordingListener.class).published.contains(order));
        });
  }

  @Test
  void anOutboxMetricsOfTheApplicationsReplacesTheStartersAndMeasuresThePublisher() {
    TestApps.runner(TestApps.freshDatabase())
        .withUserConfiguration(TestApps.Orders.class, Registry.class, OwnMetrics.class)
        .run(context -> {
          assertThat(context).hasSingleBean(OutboxMetrics.class).hasBean("ownMetrics");
          context.getBean(TestApps.OrderService.class).place(100);

          await().atMost(WAIT).until(() -> published(context) == 1.0);
          assertThat(registry(context).find(OutboxMetrics.EVENTS).gauges()).isEmpty();
        });
  }

  @Test
  void aRefreshIntervalOutOfRangeFailsStartupNamingTheProperty() {
    TestApps.runner(TestApps.freshDatabase())
        .withUserConfiguration(TestApps.Orders.class, Registry.class)
        .withPropertyValues("message-driven.metrics.refresh-interval=1ms")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("Property message-driven.metrics.refresh-interval with value")
            .hasStackTraceContaining("refreshInterval must be"));
  }
}
