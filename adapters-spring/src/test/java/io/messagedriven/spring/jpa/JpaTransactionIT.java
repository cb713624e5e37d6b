package io.messagedriven.spring.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.spring.TestApps;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/** A JPA entity and its event commit together in a Hibernate transaction on the application's DataSource. */
@SpringBootTest(classes = JpaApp.class, properties = {
    "spring.jpa.hibernate.ddl-auto=create", "message-driven.publisher.poll-interval=100ms",
    "spring.liquibase.enabled=false"})
class JpaTransactionIT {
  private static final String URL = TestDatabase.freshUrl();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
  }

  @Autowired
  JpaApp.Customers customers;

  @Autowired
  PlatformTransactionManager transactionManager;

  @Test
  void theEntityAndItsEventCommitTogetherAndThePublisherHandsItOn() {
    assertThat(transactionManager).isInstanceOf(JpaTransactionManager.class);

    UUID ada = customers.register("Ada", false);

    assertThat(count("select count(*) from customers where id = '" + ada + "'")).isEqualTo(1);
    assertThat(count("select count(*) from message_driven.events where aggregate_id = '" + ada + "'")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(15)).until(() -> JpaApp.REGISTERED.contains(ada.toString()));
  }

  @Test
  void aRolledBackJpaTransactionLeavesNeitherTheEntityNorTheEvent() {
    long customersBefore = count("select count(*) from customers");
    long eventsBefore = count("select count(*) from message_driven.events");

    assertThatThrownBy(() -> customers.register("Grace", true)).hasMessage("registration refused");

    assertThat(count("select count(*) from customers")).isEqualTo(customersBefore);
    assertThat(count("select count(*) from message_driven.events")).isEqualTo(eventsBefore);
  }

  private static long count(String sql) {
    return TestApps.count(URL, sql);
  }
}
