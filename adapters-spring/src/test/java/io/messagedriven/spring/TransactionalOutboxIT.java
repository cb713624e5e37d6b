package io.messagedriven.spring;

import static io.messagedriven.spring.TestApps.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.messagedriven.application.port.NoTransactionException;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.spring.TestApps.OrderService;
import io.messagedriven.spring.TestApps.RecordingHandler;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Appends join the Spring-managed transaction: they commit with it, roll back with it, and are refused outside one. */
class TransactionalOutboxIT {
  private static final Duration PUBLISHED = Duration.ofSeconds(15);

  @Test
  void anEventAppendedInsideTransactionalIsPublishedAfterTheCommit() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url).withUserConfiguration(TestApps.Orders.class).run(context -> {
      assertThat(context).hasNotFailed();
      UUID order = context.getBean(OrderService.class).place(4200);

      RecordingHandler handler = context.getBean(RecordingHandler.class);
      await().atMost(PUBLISHED).until(() -> handler.aggregateIds().contains(order.toString()));
      assertThat(TestApps.count(url, "select count(*) from orders")).isEqualTo(1);
      assertThat(TestApps.count(url, "select count(*) from message_driven.events where published_at is not null"))
          .isEqualTo(1);
    });
  }

  @Test
  void aRolledBackTransactionLeavesNeitherTheRowNorTheEvent() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url).withUserConfiguration(TestApps.Orders.class)
        .withPropertyValues("message-driven.publisher.enabled=false")
        .run(context -> {
          assertThatThrownBy(() -> context.getBean(OrderService.class).placeThenFail(4200))
              .isInstanceOf(IllegalStateException.class).hasMessage("payment refused");

          assertThat(TestApps.count(url, "select count(*) from orders")).isZero();
          assertThat(events(url)).isZero();
        });
  }

  @Test
  void aRolledBackEventIsNeverHandedToAHandler() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url).withUserConfiguration(TestApps.Orders.class).run(context -> {
      OrderService orders = context.getBean(OrderService.class);
      assertThatThrownBy(() -> orders.placeThenFail(1)).hasMessage("payment refused");
      UUID committed = orders.place(2);   // published after the rolled-back one would have been

      RecordingHandler handler = context.getBean(RecordingHandler.class);
      await().atMost(PUBLISHED).until(() -> handler.aggregateIds().contains(committed.toString()));
      assertThat(handler.aggregateIds()).containsExactly(committed.toString());
    });
  }

  @Test
  void aTransactionTemplateWithJdbcClientCommitsTheRowAndTheEventTogether() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url).withPropertyValues("message-driven.publisher.enabled=false").run(context -> {
      TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
      JdbcClient jdbc = context.getBean(JdbcClient.class);
      TransactionalOutbox outbox = context.getBean(TransactionalOutbox.class);
      UUID kept = UUID.randomUUID();
      UUID undone = UUID.randomUUID();

      transaction.executeWithoutResult(status -> {
        jdbc.sql("insert into orders (id, total_cents) values (?, ?)").params(kept, 10).update();
        outbox.append(TestApps.placed(kept, 10));
      });
      transaction.executeWithoutResult(status -> {
        jdbc.sql("insert into orders (id, total_cents) values (?, ?)").params(undone, 20).update();
        outbox.append(TestApps.placed(undone, 20));
        status.setRollbackOnly();
      });

      assertThat(TestApps.count(url, "select count(*) from orders")).isEqualTo(1);
      assertThat(TestApps.count(url, "select count(*) from message_driven.events where aggregate_id = '" + kept + "'"))
          .isEqualTo(1);
      assertThat(events(url)).isEqualTo(1);
    });
  }

  @Test
  void anAppendOutsideATransactionIsRefusedAndWritesNothing() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url).withPropertyValues("message-driven.publisher.enabled=false").run(context -> {
      TransactionalOutbox outbox = context.getBean(TransactionalOutbox.class);

      assertThatThrownBy(() -> outbox.append(TestApps.placed(UUID.randomUUID(), 1)))
          .isInstanceOf(NoTransactionException.class)
          .hasMessageContaining("no Spring-managed transaction is active")
          .hasMessageContaining("message-driven.outside-transaction=own-transaction");
      assertThat(events(url)).isZero();
    });
  }

  @Test
  void theOwnTransactionSettingCommitsAnAppendMadeOutsideATransaction() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url)
        .withPropertyValues("message-driven.publisher.enabled=false", "message-driven.outside-transaction=own-transaction")
        .run(context -> {
          context.getBean(TransactionalOutbox.class).append(TestApps.placed(UUID.randomUUID(), 1));

          assertThat(events(url)).isEqualTo(1);
        });
  }

  @Test
  void aUseCaseJoinsTheTransactionAndRollsBackWithIt() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url).withPropertyValues("message-driven.publisher.enabled=false").run(context -> {
      TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
      CreateTenant createTenant = context.getBean(CreateTenant.class);

      transaction.executeWithoutResult(status -> {
        createTenant.handle(new CreateTenantCommand("globex", "Globex"));
        status.setRollbackOnly();
      });
      transaction.executeWithoutResult(status -> createTenant.handle(new CreateTenantCommand("acme", "Acme")));

      assertThat(TestApps.count(url, "select count(*) from message_driven.tenants where slug = 'globex'")).isZero();
      assertThat(TestApps.count(url, "select count(*) from message_driven.tenants where slug = 'acme'")).isEqualTo(1);
    });
  }
}
