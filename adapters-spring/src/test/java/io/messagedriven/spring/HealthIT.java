package io.messagedriven.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.publisher.Publisher;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The health indicator: database reachable, publisher running, lag under its threshold. */
class HealthIT {

  private static Health health(ApplicationContext context) {
    return context.getBean("messageDrivenHealthIndicator", HealthIndicator.class).health(true);
  }

  private static void appendOne(ApplicationContext context) {
    context.getBean(TransactionTemplate.class).executeWithoutResult(status ->
        context.getBean(TransactionalOutbox.class).append(TestApps.placed(UUID.randomUUID(), 1)));
  }

  @Test
  void aRunningPublisherOnAReachableDatabaseIsUp() {
    TestApps.runner(TestApps.freshDatabase()).withUserConfiguration(TestApps.Orders.class).run(context -> {
      Health health = health(context);

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("publisher", "running").containsEntry("lag", "PT0S")
          .containsEntry("owner", context.getBean(Publisher.class).owner());
    });
  }

  @Test
  void aStoppedPublisherIsDown() {
    TestApps.runner(TestApps.freshDatabase()).withUserConfiguration(TestApps.Orders.class).run(context -> {
      context.getBean(Publisher.class).stop(Duration.ofSeconds(5));

      Health health = health(context);
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("publisher", "stopped");
    });
  }

  @Test
  void aLagAboveTheThresholdIsTheConfiguredStatus() {
    TestApps.runner(TestApps.freshDatabase())
        .withPropertyValues("message-driven.publisher.enabled=false", "message-driven.health.lag-threshold=50ms",
            "message-driven.health.lag-status=out-of-service")
        .run(context -> {
          assertThat(health(context).getStatus()).isEqualTo(Status.UP);
          appendOne(context);   // nobody publishes it: the lag grows

          await().atMost(Duration.ofSeconds(10)).until(() -> health(context).getStatus().equals(Status.OUT_OF_SERVICE));
          assertThat(health(context).getDetails()).containsEntry("publisher", "disabled")
              .containsEntry("lagThreshold", "PT0.05S");
        });
  }

  @Test
  void aLagAboveTheThresholdIsDownByDefault() {
    TestApps.runner(TestApps.freshDatabase())
        .withPropertyValues("message-driven.publisher.enabled=false", "message-driven.health.lag-threshold=50ms")
        .run(context -> {
          appendOne(context);

          await().atMost(Duration.ofSeconds(10)).until(() -> health(context).getStatus().equals(Status.DOWN));
        });
  }

  @Test
  void anUnreachableDatabaseIsDown() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url)
        .withPropertyValues("message-driven.publisher.enabled=false", "spring.datasource.hikari.connection-timeout=500")
        .run(context -> {
          assertThat(health(context).getStatus()).isEqualTo(Status.UP);

          String database = TestApps.currentDatabase(url);
          String admin = TestApps.administration(url);
          TestDatabase.execute(admin, "alter database " + database + " allow_connections false");
          TestDatabase.execute(admin, "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
              + database + "' and pid <> pg_backend_pid()");

          Health health = health(context);
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsKey("error");
        });
  }

  @Test
  void theIndicatorIsOffWhenManagementSaysSo() {
    TestApps.runner(TestApps.freshDatabase())
        .withPropertyValues("message-driven.publisher.enabled=false", "management.health.message-driven.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("messageDrivenHealthIndicator"));
  }
}
