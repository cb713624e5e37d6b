package io.messagedriven.application.testing;

import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The in-memory fake keeps the same outbox rules as the PostgreSQL adapter (JdbiOutboxContractIT). */
class InMemoryOutboxContractTest extends OutboxPortContract {
  private final TestClock clock = new TestClock();
  private final InMemoryStore store = new InMemoryStore(clock);

  @Override
  protected Transactions transactions() {
    return store;
  }

  @Override
  protected OutboxPort outbox() {
    return store;
  }

  @Override
  protected TenantId newTenant() {
    Tenant tenant = Tenant.create("t-" + UUID.randomUUID().toString().substring(0, 8), "T", clock);
    store.withoutTenant(tx -> {
      tx.tenants().add(tenant);
      return null;
    });
    return tenant.id();
  }

  @Override
  protected void pass(Duration duration) {
    clock.advance(duration);
  }

  @Override
  protected Instant now() {
    return clock.instant();
  }
}
