package io.messagedriven.application.tenant;

import io.messagedriven.application.testing.InMemoryStore;
import io.messagedriven.application.testing.TestClock;
import io.messagedriven.domain.DuplicateSlugException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import org.junit.jupiter.api.Test;

class CreateTenantTest {
  private final TestClock clock = new TestClock();
  private final InMemoryStore store = new InMemoryStore(clock);
  private final CreateTenant createTenant = new CreateTenant(store, clock);

  @Test
  void createsATenantAtTheClocksTime() {
    Tenant acme = createTenant.handle(new CreateTenantCommand("acme", " Acme Corp "));

    assertThat(acme.slug()).isEqualTo("acme");
    assertThat(acme.name()).isEqualTo("Acme Corp");
    assertThat(acme.createdAt()).isEqualTo(clock.instant());
    assertThat(store.committedTenants()).containsExactly(acme);
    assertThat(store.transactionsStarted()).isEqualTo(1);
  }

  @Test
  void duplicateSlugIsRejectedByNameAndNothingIsWritten() {
    Tenant first = createTenant.handle(new CreateTenantCommand("acme", "Acme"));

    assertThatThrownBy(() -> createTenant.handle(new CreateTenantCommand("acme", "Another Acme")))
        .isInstanceOfSatisfying(DuplicateSlugException.class, e -> {
          assertThat(e.slug()).isEqualTo("acme");
          assertThat(e).hasMessage("tenant slug \"acme\" is already taken");
        })
        .isInstanceOf(DomainException.class);

    assertThat(store.committedTenants()).containsExactly(first);
  }

  @Test
  void differentSlugsMayShareAName() {
    createTenant.handle(new CreateTenantCommand("acme", "Acme"));
    createTenant.handle(new CreateTenantCommand("acme-eu", "Acme"));

    assertThat(store.committedTenants()).extracting(Tenant::slug).containsExactly("acme", "acme-eu");
  }

  @Test
  void invalidValuesAreRejectedBeforeAnyTransactionStarts() {
    assertThatThrownBy(() -> createTenant.handle(new CreateTenantCommand("Acme Corp", "Acme")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("slug"));
    assertThatThrownBy(() -> createTenant.handle(new CreateTenantCommand("acme", " ")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("tenant name"));
    assertThatThrownBy(() -> createTenant.handle(new CreateTenantCommand(null, "Acme")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("slug null is invalid: it is required");

    assertThat(store.transactionsStarted()).isZero();
    assertThat(store.committedTenants()).isEmpty();
  }

  @Test
  void rejectsANullCommand() {
    assertThatThrownBy(() -> createTenant.handle(null)).isInstanceOf(NullPointerException.class).hasMessage("command");
  }
}
