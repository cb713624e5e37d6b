package io.messagedriven.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.Publisher;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** Each bean of the starter backs off when the application defines its own. */
class BackOffIT {

  @Configuration(proxyBeanMethods = false)
  static class OwnStore {
    @Bean(destroyMethod = "close")
    PostgresStore myStore(DataSource dataSource) {
      return PostgresStore.builder().dataSource(dataSource).schema("orders_outbox").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRouterAndUseCase {
    @Bean
    EventRouter myRouter() {
      return EventRouter.builder().route("*", event -> {}).build();
    }

    @Bean
    CreateTenant myCreateTenant(PostgresStore store) {
      return new CreateTenant(store.transactions(), Clock.systemUTC());
    }

    @Bean
    HealthIndicator messageDrivenHealthIndicator() {
      return () -> Health.outOfService().withDetail("mine", true).build();
    }
  }

  @Test
  void theApplicationsOwnStoreIsTheOneTheOutboxAppendsTo() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url).withUserConfiguration(OwnStore.class)
        .withPropertyValues("message-driven.publisher.enabled=false")
        .run(context -> {
          assertThat(context).hasSingleBean(PostgresStore.class);
          assertThat(context.getBean(PostgresStore.class).schema()).isEqualTo("orders_outbox");

          context.getBean(TransactionTemplate.class).executeWithoutResult(status ->
              context.getBean(TransactionalOutbox.class).append(TestApps.placed(UUID.randomUUID(), 1)));

          assertThat(TestApps.count(url, "select count(*) from orders_outbox.events")).isEqualTo(1);
          assertThat(TestApps.count(url, "select count(*) from information_schema.schemata "
              + "where schema_name = 'message_driven'")).isZero();
        });
  }

  @Test
  void theApplicationsOwnRouterUseCaseAndHealthIndicatorAreTheOnesUsed() {
    TestApps.runner(TestApps.freshDatabase()).withUserConfiguration(OwnRouterAndUseCase.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(EventRouter.class).hasSingleBean(CreateTenant.class)
          .hasSingleBean(Publisher.class);
      assertThat(context.getBeanNamesForType(EventRouter.class)).containsExactly("myRouter");
      assertThat(context.getBeanNamesForType(CreateTenant.class)).containsExactly("myCreateTenant");
      assertThat(context.getBean("messageDrivenHealthIndicator", HealthIndicator.class).health(true).getDetails())
          .containsEntry("mine", true);
    });
  }

  @Test
  void withoutADataSourceTheStarterStaysOut() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            MessageDrivenAutoConfiguration.class, MessageDrivenHealthAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PostgresStore.class)
            .doesNotHaveBean(TransactionalOutbox.class).doesNotHaveBean(Publisher.class));
  }
}
