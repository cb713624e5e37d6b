package io.messagedriven.application.tenant;

import io.messagedriven.application.testing.InMemoryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class TenantQueriesTest {
  private final InMemoryStore data = new InMemoryStore(Clock.systemUTC());
  private final TenantQueries queries = new TenantQueries(data);
  private final Tenant acme = new CreateTenant(data, Clock.systemUTC()).handle(new CreateTenantCommand("acme", "Acme"));

  @Test
  void findsATenantByIdOrBySlug() {
    assertThat(queries.findById(acme.id())).contains(acme);
    assertThat(queries.findBySlug("acme")).contains(acme);
  }

  @Test
  void anUnknownIdOrSlugIsNotFound() {
    assertThat(queries.findById(TenantId.random())).isEmpty();
    assertThat(queries.findBySlug("nobody")).isEmpty();
  }

  @Test
  void aMalformedOrMissingSlugIsRefusedBeforeAnyTransaction() {
    int before = data.transactionsStarted();

    for (String bad : new String[] {"Acme", "-acme", "a b", "'; DROP TABLE tenants; --", "x".repeat(64), ""}) {
      assertThatThrownBy(() -> queries.findBySlug(bad)).as(bad)
          .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("slug"));
    }
    assertThatThrownBy(() -> queries.findBySlug(null)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("slug");
    assertThatThrownBy(() -> queries.findById(null)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("tenantId");
    assertThat(data.transactionsStarted()).isEqualTo(before);
  }
}
