package io.messagedriven.jdbi;

import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.testing.OutboxPortContract;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL outbox against the OutboxPort contract, which the in-memory fake keeps too. */
class JdbiOutboxContractIT extends OutboxPortContract {
  private static PostgresStore store;

  @BeforeAll
  static void start() {
    store = PostgresStore.builder().jdbcUrl(TestDatabase.freshUrl()).build();
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  @Override
  protected Transactions transactions() {
    return store.transactions();
  }

  @Override
  protected OutboxPort outbox() {
    return store.outbox();
  }

  @Override
  protected TenantId newTenant() {
    return new CreateTenant(store.transactions(), Clock.systemUTC())
        .handle(new CreateTenantCommand("t-" + UUID.randomUUID().toString().substring(0, 8), "T")).id();
  }

  @Override
  protected void pass(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
