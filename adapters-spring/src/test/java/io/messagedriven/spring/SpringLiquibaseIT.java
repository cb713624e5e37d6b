package io.messagedriven.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.spring.TestApps.OrderService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;

/** An application whose own Spring Boot Liquibase run includes the outbox's changelog. */
class SpringLiquibaseIT {

  @Test
  void theApplicationsLiquibaseCreatesTheOutboxBeforeTheStoreStarts() {
    String url = TestDatabase.freshUrl();   // empty: no orders table, no outbox
    TestApps.runner(url).withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
        .withUserConfiguration(TestApps.Orders.class)
        .withPropertyValues("message-driven.migrate=false", "spring.liquibase.change-log=classpath:db/service-changelog.xml")
        .run(context -> {
          assertThat(context).hasNotFailed();
          context.getBean(OrderService.class).place(100);

          assertThat(TestApps.count(url, "select count(*) from orders")).isEqualTo(1);
          assertThat(TestApps.events(url)).isEqualTo(1);
        });
  }
}
