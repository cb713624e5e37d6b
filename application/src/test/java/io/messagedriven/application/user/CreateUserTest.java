package io.messagedriven.application.user;

import io.messagedriven.application.testing.InMemoryStore;
import io.messagedriven.application.testing.TestClock;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.domain.user.DuplicateEmailException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.testing.InMemoryStore.Status;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreateUserTest {
  private final TestClock clock = new TestClock();
  private final InMemoryStore store = new InMemoryStore(clock);
  private final CreateUser createUser = new CreateUser(store, store, clock);
  private final Tenant acme = Tenant.create("acme", "Acme", clock);
  private final Tenant globex = Tenant.create("globex", "Globex", clock);

  @BeforeEach
  void tenants() {
    store.withoutTenant(tx -> {
      tx.tenants().add(acme);
      tx.tenants().add(globex);
      return null;
    });
  }

  private User create(Tenant tenant, String email) {
    return createUser.handle(CreateUserCommand.of(tenant.id(), email, "Ada Lovelace"));
  }

  private void assertNothingWrittenBeyond(int users, int events) {
    assertThat(store.committedUsers()).hasSize(users);
    assertThat(store.committedEvents()).hasSize(events);
  }

  @Test
  void createsUserAndEventInOneTransaction() {
    int before = store.transactionsStarted();

    User ada = create(acme, "Ada@Example.com");

    assertThat(store.transactionsStarted()).isEqualTo(before + 1);
    assertThat(store.committedUsers()).containsExactly(ada);
    assertThat(store.committedEvents()).singleElement().satisfies(event -> {
      assertThat(event.name()).isEqualTo(User.CREATED);
      assertThat(event.tenantId()).isEqualTo(acme.id());
      assertThat(event.aggregateType()).isEqualTo(User.AGGREGATE_TYPE);
      assertThat(event.aggregateId()).isEqualTo(ada.id().toString());
      assertThat(event.occurredAt()).isEqualTo(clock.instant());
      assertThat(event.payload()).contains("\"email\":\"Ada@example.com\"");
      assertThat(store.row(event.id()).status()).isEqualTo(Status.PENDING);
    });
  }

  @Test
  void returnsTheUserAsStored() {
    User ada = createUser.handle(CreateUserCommand.of(acme.id(), " Ada@EXAMPLE.com ", "  Ada  "));

    assertThat(ada.tenantId()).isEqualTo(acme.id());
    assertThat(ada.email()).isEqualTo(Email.of("Ada@example.com"));
    assertThat(ada.name()).isEqualTo("Ada");
    assertThat(ada.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void correlationIdBecomesAnEventHeader() {
    createUser.handle(CreateUserCommand.of(acme.id(), "ada@example.com", "Ada").correlatedBy("req-42"));

    assertThat(store.committedEvents().get(0).headers()).containsExactly(Map.entry(Event.CORRELATION_ID, "req-42"));
  }

  @Test
  void withoutCorrelationIdTheEventHasNoHeaders() {
    create(acme, "ada@example.com");

    assertThat(store.committedEvents().get(0).headers()).isEmpty();
  }

  @Test
  void unknownTenantIsRejectedByNameAndNothingIsWritten() {
    TenantId unknown = TenantId.random();

    assertThatThrownBy(() -> createUser.handle(CreateUserCommand.of(unknown, "ada@example.com", "Ada")))
        .isInstanceOfSatisfying(UnknownTenantException.class, e -> {
          assertThat(e.tenantId()).isEqualTo(unknown);
          assertThat(e).hasMessage("unknown tenant " + unknown);
        })
        .isInstanceOf(DomainException.class);

    assertNothingWrittenBeyond(0, 0);
  }

  @Test
  void duplicateEmailInTheTenantIsRejectedIgnoringCaseAndNothingIsWritten() {
    create(acme, "ada@example.com");

    assertThatThrownBy(() -> create(acme, "ADA@Example.COM"))
        .isInstanceOfSatisfying(DuplicateEmailException.class, e -> {
          assertThat(e.tenantId()).isEqualTo(acme.id());
          assertThat(e.email()).isEqualTo(Email.of("ADA@example.com"));
          assertThat(e).hasMessage("email \"ADA@example.com\" is already used in tenant " + acme.id());
        })
        .isInstanceOf(DomainException.class);

    assertNothingWrittenBeyond(1, 1);
  }

  @Test
  void sameEmailInTwoTenantsIsFine() {
    User inAcme = create(acme, "ada@example.com");
    User inGlobex = create(globex, "ada@example.com");

    assertThat(store.committedUsers()).containsExactly(inAcme, inGlobex);
    assertThat(store.committedEvents()).extracting(Event::tenantId).containsExactly(acme.id(), globex.id());
  }

  @Test
  void invalidValuesAreRejectedBeforeAnyTransactionStarts() {
    int before = store.transactionsStarted();

    assertThatThrownBy(() -> createUser.handle(CreateUserCommand.of(acme.id(), "ada@", "Ada")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("email \"ada@\"");
    assertThatThrownBy(() -> createUser.handle(CreateUserCommand.of(acme.id(), "ada@example.com", "")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("name \"\"");
    assertThatThrownBy(() -> createUser.handle(CreateUserCommand.of(null, "ada@example.com", "Ada")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("tenantId null");
    assertThatThrownBy(() -> createUser.handle(
        CreateUserCommand.of(acme.id(), "ada@example.com", "Ada").correlatedBy("req\n42")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("correlationId ");

    assertThat(store.transactionsStarted()).isEqualTo(before);
    assertNothingWrittenBeyond(0, 0);
  }

  @Test
  void aFailureAfterTheUserIsAddedRollsBackBothAndReachesTheCaller() {
    IllegalStateException outboxDown = new IllegalStateException("outbox down");
    store.failNextAppend(outboxDown);

    assertThatThrownBy(() -> create(acme, "ada@example.com")).isSameAs(outboxDown);

    assertNothingWrittenBeyond(0, 0);
    create(acme, "ada@example.com");
    assertNothingWrittenBeyond(1, 1);
  }

  @Test
  void aFailureAfterTheWorkIsDoneRollsBackUserAndEvent() {
    Transactions failingAtTheEnd = new Transactions() {
      @Override
      public <T> T inTenant(TenantId tenant, Function<UnitOfWork, T> work) {
        return store.inTenant(tenant, tx -> {
          work.apply(tx);
          throw new IllegalStateException("commit failed");
        });
      }

      @Override
      public <T> T withoutTenant(Function<UnitOfWork, T> work) {
        throw new UnsupportedOperationException();
      }
    };

    assertThatThrownBy(() -> new CreateUser(failingAtTheEnd, store, clock)
            .handle(CreateUserCommand.of(acme.id(), "ada@example.com", "Ada")))
        .hasMessage("commit failed");

    assertNothingWrittenBeyond(0, 0);
  }

  @Test
  void rejectsANullCommand() {
    assertThatThrownBy(() -> createUser.handle(null)).isInstanceOf(NullPointerException.class).hasMessage("command");
  }

  @Test
  void needsTransactionsUsersAndAClock() {
    assertThatThrownBy(() -> new CreateUser(null, store, clock)).hasMessage("transactions");
    assertThatThrownBy(() -> new CreateUser(store, null, clock)).hasMessage("users");
    assertThatThrownBy(() -> new CreateUser(store, store, null)).hasMessage("clock");
  }
}
