package io.messagedriven.application.events;

import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.internal.Cursors;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.testing.InMemoryStore;
import io.messagedriven.domain.UnknownTenantException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.application.port.Failure;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

class EventQueriesTest {
  private final InMemoryStore data = new InMemoryStore(Clock.systemUTC());
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
    Failure timeout = new Failure("java.net.SocketTimeoutException", "read timed out", "trace");
    data.retryLater(claimOne(), Duration.ZERO, timeout);
    EventRecord retried = onlyRecord();
    data.markPublished(List.of(claimOne()));
    EventRecord published = onlyRecord();

    assertThat(retried.status()).isEqualTo(EventStatus.PENDING);
    assertThat(retried.attempts()).isOne();
    assertThat(retried.nextAttemptAt()).isNotNull();
    assertThat(retried.error()).contains(timeout);
    assertThat(published.status()).isEqualTo(EventStatus.PUBLISHED);
    assertThat(published.attempts()).isEqualTo(2);
    assertThat(published.publishedAt()).isNotNull();
    assertThat(published.nextAttemptAt()).isNull();
    assertThat(published.error()).as("a published event no longer reads as failing").isEmpty();
  }

  private ClaimedEvent claimOne() {
    return data.claim("test", 1, Duration.ofMinutes(1), List.of()).get(0);
  }

  private EventRecord onlyRecord() {
    return queries.history(acme.id(), "Order", "order-1", PageRequest.first(1)).items().get(0);
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
    int before = data.transactionsStarted();

    assertInvalid("tenantId", () -> queries.history(null, "Order", "1", PageRequest.first(1)));
    assertInvalid("aggregateType", () -> queries.history(acme.id(), null, "1", PageRequest.first(1)));
    assertInvalid("aggregateType", () -> queries.history(acme.id(), "  ", "1", PageRequest.first(1)));
    assertInvalid("aggregateId", () -> queries.history(acme.id(), "Order", "", PageRequest.first(1)));
    assertInvalid("aggregateId", () -> queries.history(acme.id(), "Order", "x".repeat(201), PageRequest.first(1)));
    assertInvalid("page", () -> queries.history(acme.id(), "Order", "1", null));
    assertInvalid("cursor", () -> queries.history(acme.id(), "Order", "1", PageRequest.after("%%%", 1)));
    assertInvalid("cursor", () -> queries.history(acme.id(), "Order", "1", PageRequest.after(Cursors.ofEvent(-1), 1)));
    assertThat(data.transactionsStarted()).isEqualTo(before);
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
