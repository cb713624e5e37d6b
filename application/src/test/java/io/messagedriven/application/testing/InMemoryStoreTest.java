package io.messagedriven.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.testing.InMemoryStore.Status;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.Tenant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake the use-case tests stand on behaves like the real store where they rely on it. */
class InMemoryStoreTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private final TestClock clock = new TestClock();
  private final InMemoryStore store = new InMemoryStore(clock);
  private final Tenant acme = Tenant.create("acme", "Acme", clock);

  private void addTenant(Tenant tenant) {
    store.withoutTenant(tx -> {
      tx.tenants().add(tenant);
      return null;
    });
  }

  private Event event(String aggregateId) {
    return Event.raise(acme.id(), "User", aggregateId, "User.created", "{}", clock.instant());
  }

  @Test
  void workThatThrowsLeavesNothingBehind() {
    addTenant(acme);

    assertThatThrownBy(() -> store.inTenant(acme.id(), tx -> {
      tx.outbox().append(event("1"));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(store.committedEvents()).isEmpty();
    assertThat(store.committedTenants()).containsExactly(acme);
  }

  @Test
  void aTenantTransactionCannotWriteAnotherTenantsRows() {
    Tenant other = Tenant.create("other", "Other", clock);
    addTenant(acme);
    addTenant(other);

    assertThatThrownBy(() -> store.inTenant(other.id(), tx -> {
      tx.outbox().append(event("1"));
      return null;
    })).hasMessageContaining("row-level security");
  }

  // Its outbox rules are held by OutboxPortContract, as the PostgreSQL adapter's are.
}
