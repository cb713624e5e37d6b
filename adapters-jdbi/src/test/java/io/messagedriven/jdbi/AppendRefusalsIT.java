package io.messagedriven.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.domain.CrossTenantWriteException;
import io.messagedriven.domain.DuplicateEventException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the database refuses of an append is a typed domain error naming it, and nothing is written. */
class AppendRefusalsIT {
  private static String url;
  private static PostgresStore store;
  private static Tenant acme;
  private static Tenant globex;

  @BeforeAll
  static void start() {
    url = TestDatabase.freshUrl();
    store = PostgresStore.builder().jdbcUrl(url).build();
    CreateTenant createTenant = new CreateTenant(store.transactions(), Clock.systemUTC());
    acme = createTenant.handle(new CreateTenantCommand("acme", "Acme"));
    globex = createTenant.handle(new CreateTenantCommand("globex", "Globex"));
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  @Test
  void anEventOfAnUnknownTenantIsAnUnknownTenantError() {
    TenantId nobody = TenantId.random();

    assertThatThrownBy(() -> append(nobody, event(nobody, "o-1")))
        .isInstanceOf(UnknownTenantException.class)
        .hasMessageContaining(nobody.toString());
    assertThat(events("o-1")).isZero();
  }

  @Test
  void anotherTenantsEventIsACrossTenantWriteError() {
    assertThatThrownBy(() -> append(acme.id(), event(globex.id(), "o-2")))
        .isInstanceOf(CrossTenantWriteException.class)
        .hasMessageContaining(globex.id().toString());
    assertThat(events("o-2")).isZero();
  }

  @Test
  void anEventIdAppendedBeforeIsADuplicateEventError() {
    Event event = event(acme.id(), "o-3");
    append(acme.id(), event);

    assertThatThrownBy(() -> append(acme.id(), event.withHeader("again", "yes")))
        .isInstanceOf(DuplicateEventException.class)
        .hasMessageContaining(event.id().toString());
    assertThat(events("o-3")).isOne();
  }

  private static void append(TenantId scope, Event event) {
    store.transactions().inTenant(scope, tx -> {
      tx.outbox().append(event);
      return null;
    });
  }

  private static Event event(TenantId tenant, String aggregate) {
    return Event.raise(tenant, "Order", aggregate, "Order.placed", "{}", Instant.now());
  }

  private static int events(String aggregate) {
    return Jdbi.create(url).withHandle(h -> h.select("select count(*) from message_driven.events where aggregate_id = ?",
        aggregate).mapTo(Integer.class).one());
  }
}
