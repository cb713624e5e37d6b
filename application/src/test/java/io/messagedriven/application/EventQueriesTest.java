package io.messagedriven.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.application.port.Failure;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

class EventQueriesTest {
  private final InMemoryTenantData data = new InMemoryTenantData();
  private final EventQueries queries = new EventQueries(data);
  private final Clock clock = Clock.systemUTC();
  private Tenant acme;

  @BeforeEach
  void aTenant() {
    acme = new CreateTenant(data, clock).handle(new CreateTenantCommand("acme", "Acme"));
  }

  @Test
  void historyIsTheAggregatesEventsInWriteOrderPageByPage() {
    for (int i = 0; i < 5; i++) {
      append(acme.id(), "order-1", "Order.step" + i);
    }
    append(acme.id(), "order-2", "Order.other");

    List<String> names = new ArrayList<>();
    Page<EventRecord> page = queries.history(acme.id(), "Order", "order-1", PageRequest.first(2));
    page.items().forEach(record -> names.add(record.event().name()));
    while (page.hasNext()) {
      page = queries.history(acme.id(), "Order", "order-1", PageRequest.after(page.nextCursor(), 2));
      page.items().forEach(record -> names.add(record.event().name()));
    }

    assertThat(names).containsExactly("Order.step0", "Order.step1", "Order.step2", "Order.step3", "Order.step4");
  }

  @Test
  void eachEventCarriesItsStatusAttemptsAndLastError() {
    append(acme.id(), "order-1", "Order.placed");
    EventRecord pending = data.events.get(0);
    Failure timeout = new Failure("java.net.SocketTimeoutException", "read timed out", "trace");
    Instant published = Instant.parse("2024-05-01T10:00:05Z");
    data.update(new EventRecord(pending.position(), pending.event(), EventStatus.PUBLISHED, 2, null, timeout,
        published, null));

    EventRecord record = queries.history(acme.id(), "Order", "order-1", PageRequest.first(1)).items().get(0);

    assertThat(record.status()).isEqualTo(EventStatus.PUBLISHED);
    assertThat(record.attempts()).isEqualTo(2);
    assertThat(record.error()).contains(timeout);
    assertThat(record.publishedAt()).isEqualTo(published);
  }

  @Test
  void anAggregateWithoutEventsHasAnEmptyHistory() {
    assertThat(queries.history(acme.id(), "Order", "none", PageRequest.first(5)).items()).isEmpty();
  }

  @Test
  void anUnknownTenantIsRefused() {
    TenantId unknown = TenantId.random();

    assertThatThrownBy(() -> queries.history(unknown, "Order", "order-1", PageRequest.first(5)))
        .isInstanceOf(UnknownTenantException.class);
  }

  @Test
  void badArgumentsAreRefusedByNameBeforeAnyTransaction() {
    int before = data.transactions;

    assertInvalid("tenantId", () -> queries.history(null, "Order", "1", PageRequest.first(1)));
    assertInvalid("aggregateType", () -> queries.history(acme.id(), null, "1", PageRequest.first(1)));
    assertInvalid("aggregateType", () -> queries.history(acme.id(), "  ", "1", PageRequest.first(1)));
    assertInvalid("aggregateId", () -> queries.history(acme.id(), "Order", "", PageRequest.first(1)));
    assertInvalid("aggregateId", () -> queries.history(acme.id(), "Order", "x".repeat(201), PageRequest.first(1)));
    assertInvalid("page", () -> queries.history(acme.id(), "Order", "1", null));
    assertInvalid("cursor", () -> queries.history(acme.id(), "Order", "1", PageRequest.after("%%%", 1)));
    assertInvalid("cursor", () -> queries.history(acme.id(), "Order", "1", PageRequest.after(Cursors.ofEvent(-1), 1)));
    assertThat(data.transactions).isEqualTo(before);
  }

  private void append(TenantId tenant, String aggregateId, String name) {
    data.inTenant(tenant, tx -> {
      tx.outbox().append(Event.raise(tenant, "Order", aggregateId, name, "{}", clock.instant()));
      return null;
    });
  }

  private static void assertInvalid(String field, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
